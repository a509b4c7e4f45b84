from django.urls import path

from console import escalation_views, views

app_name = "console"

urlpatterns = [
    path("", views.index, name="index"),
    path("aanmelden/", views.login_view, name="login"),
    path("afmelden/", views.logout_view, name="logout"),
    path("punten/nu/", views.points_now, name="points_now"),
    path("punten/<int:point_id>/", views.point_detail, name="point"),
    path("punten/<int:point_id>/doorschakelen/", escalation_views.transfer, name="transfer"),
    path("punten/<int:point_id>/e-mail/", escalation_views.email_escalation, name="email"),
    path(
        "escalaties/<int:escalation_id>/",
        escalation_views.escalation_detail,
        name="escalation",
    ),
    path("mijn-escalaties/", escalation_views.my_escalations, name="my_escalations"),
    path("<slug:kind>/<int:item_id>/", views.item_detail, name="item"),
]
