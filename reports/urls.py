from django.urls import path

from escalations.handling import URL_NAME
from reports.confirmation_views import confirm_handling

urlpatterns = [path("<str:token>/", confirm_handling, name=URL_NAME)]
