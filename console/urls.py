from django.urls import path

from console import views

app_name = "console"

urlpatterns = [
    path("", views.index, name="index"),
    path("aanmelden/", views.login_view, name="login"),
    path("afmelden/", views.logout_view, name="logout"),
    path("punten/nu/", views.points_now, name="points_now"),
    path("punten/<int:point_id>/", views.point_detail, name="point"),
    path("<slug:kind>/<int:item_id>/", views.item_detail, name="item"),
]
