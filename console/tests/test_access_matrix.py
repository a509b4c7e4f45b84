"""Who reaches what: anonymous visitors only the public site; the console, the v1 API and
the CMS need a login or a token; voorlichters never reach the CMS edit views (R1)."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "voorlichter", "redacteur", "beheerder", "teamleider"]


@pytest.fixture
def world(
    point, topic, point_data, django_user_model, voorlichter, redacteur, beheerder, teamleider
):
    users = {
        "no_role": django_user_model.objects.create_user("burger", password="x"),
        "voorlichter": voorlichter,
        "redacteur": redacteur,
        "beheerder": beheerder,
        "teamleider": teamleider,
    }
    return {"point": point, "topic": topic, "users": users, "point_data": point_data}


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def status(client, method, url, data=None):
    if method == "GET":
        return client.get(url).status_code
    return client.post(url, json.dumps(data), content_type="application/json").status_code


def urls(world):
    point, topic = world["point"], world["topic"]
    snippets = "wagtailsnippets_points_escalationpoint"
    return {
        "public_home": ("GET", "/"),
        "public_topic": ("GET", topic.url),
        "public_search": ("GET", "/zoeken/?q=jagen"),
        "public_organisations": ("GET", "/organisaties/"),
        "public_sitemap": ("GET", "/sitemap.xml"),
        "public_api": ("GET", "/api/public/topics"),
        "console_index": ("GET", reverse("console:index")),
        "console_point": ("GET", reverse("console:point", args=[point.pk])),
        "console_email_form": ("GET", reverse("console:email", args=[point.pk])),
        "console_my_escalations": ("GET", reverse("console:my_escalations")),
        "api_list": ("GET", "/api/v1/escalation-points"),
        "api_detail": ("GET", f"/api/v1/escalation-points/{point.pk}"),
        "api_create": ("POST", "/api/v1/escalation-points"),
        "cms_dashboard": ("GET", reverse("wagtailadmin_home")),
        "cms_point_list": ("GET", reverse(f"{snippets}:list")),
        "cms_point_edit": ("GET", reverse(f"{snippets}:edit", args=[point.pk])),
        "cms_point_add": ("GET", reverse(f"{snippets}:add")),
        "cms_page_edit": ("GET", reverse("wagtailadmin_pages:edit", args=[topic.pk])),
        "cms_linecode_add": ("GET", reverse("wagtailsnippets_reference_linecode:add")),
        "cms_health": ("GET", reverse("editorial_health")),
        "api_health": ("GET", "/api/v1/health"),
        "cms_undelivered": ("GET", reverse("escalations_undelivered")),
        "cms_planned_calendar": ("GET", reverse("planned_changes_calendar")),
        "cms_planned_add": ("GET", reverse("planned_change_add", args=[point.pk])),
        "api_planned_list": ("GET", f"/api/v1/escalation-points/{point.pk}/scheduled-changes"),
        "cms_crm_link_add": ("GET", reverse("wagtailsnippets_escalations_crmendpoint:add")),
        "cms_report_counts": ("GET", reverse("escalation_report")),
        "cms_report_over_time": ("GET", reverse("escalation_time_report")),
        "cms_report_service_levels": ("GET", reverse("service_level_report")),
        "api_report_counts": ("GET", "/api/v1/reports/escalations?group_by=organisation"),
        "api_report_over_time": ("GET", "/api/v1/reports/escalations/over-time"),
        "api_report_service_levels": ("GET", "/api/v1/reports/service-levels"),
    }


OK, LOGIN, DENIED, UNAUTHORIZED, CREATED, AWAY = 200, 302, 403, 401, 201, "away"
CONSOLE = 302  # a voorlichter is sent to the contactcenter site

# Expected per URL family and role: anonymous, no role, voorlichter, redacteur, beheerder,
# teamleider.
MATRIX = {
    "public_home": [OK, OK, OK, OK, OK, OK],
    "public_topic": [OK, OK, OK, OK, OK, OK],
    "public_search": [OK, OK, OK, OK, OK, OK],
    "public_organisations": [OK, OK, OK, OK, OK, OK],
    "public_sitemap": [OK, OK, OK, OK, OK, OK],
    "public_api": [OK, OK, OK, OK, OK, OK],
    "console_index": [LOGIN, DENIED, OK, OK, OK, DENIED],
    "console_point": [LOGIN, DENIED, OK, OK, OK, DENIED],
    "api_list": [UNAUTHORIZED, DENIED, OK, OK, OK, DENIED],
    "api_detail": [UNAUTHORIZED, DENIED, OK, OK, OK, DENIED],
    "api_create": [UNAUTHORIZED, DENIED, DENIED, CREATED, CREATED, DENIED],
    "cms_dashboard": [LOGIN, LOGIN, CONSOLE, OK, OK, OK],
    "cms_point_list": [LOGIN, LOGIN, CONSOLE, OK, OK, AWAY],
    "cms_point_edit": [LOGIN, LOGIN, CONSOLE, OK, OK, DENIED],
    "cms_point_add": [LOGIN, LOGIN, CONSOLE, OK, OK, DENIED],
    "cms_page_edit": [LOGIN, LOGIN, CONSOLE, OK, OK, AWAY],
    "cms_linecode_add": [LOGIN, LOGIN, CONSOLE, DENIED, OK, DENIED],
    "cms_health": [LOGIN, LOGIN, CONSOLE, OK, OK, DENIED],
    "api_health": [UNAUTHORIZED, DENIED, DENIED, OK, OK, DENIED],
    "cms_report_counts": [LOGIN, LOGIN, CONSOLE, DENIED, OK, OK],
    "cms_report_over_time": [LOGIN, LOGIN, CONSOLE, DENIED, OK, OK],
    "cms_report_service_levels": [LOGIN, LOGIN, CONSOLE, DENIED, OK, OK],
    "api_report_counts": [UNAUTHORIZED, DENIED, DENIED, DENIED, OK, OK],
    "api_report_over_time": [UNAUTHORIZED, DENIED, DENIED, DENIED, OK, OK],
    "api_report_service_levels": [UNAUTHORIZED, DENIED, DENIED, DENIED, OK, OK],
    # Escalating takes `escalations.add_escalation`: voorlichters only.
    "console_email_form": [LOGIN, DENIED, OK, DENIED, DENIED, DENIED],
    "console_my_escalations": [LOGIN, DENIED, OK, OK, OK, DENIED],
    "cms_undelivered": [LOGIN, LOGIN, CONSOLE, DENIED, OK, DENIED],
    "cms_planned_calendar": [LOGIN, LOGIN, CONSOLE, OK, OK, DENIED],
    "cms_planned_add": [LOGIN, LOGIN, CONSOLE, OK, OK, DENIED],
    "api_planned_list": [UNAUTHORIZED, DENIED, DENIED, OK, OK, DENIED],
    "cms_crm_link_add": [LOGIN, LOGIN, CONSOLE, DENIED, OK, DENIED],
}


@pytest.mark.parametrize("role", ROLES)
def test_r01_access_matrix(client, world, role):
    client = client_for(client, world, role)
    column = ROLES.index(role)
    failures = []
    for name, (method, url) in urls(world).items():
        expected = MATRIX[name][column]
        data = {**world["point_data"], "editorial_title": f"ANB - Test {role}"}
        response_status = status(client, method, url, data)
        if expected == AWAY:  # Wagtail sends a user without the right away from the form
            if response_status not in (302, 403):
                failures.append((name, url, "302/403", response_status))
        elif response_status != expected:
            failures.append((name, url, expected, response_status))
    assert failures == []


def test_r01_console_login_redirects_lead_to_the_console_login(client, world):
    for url in (reverse("console:index"), reverse("console:point", args=[world["point"].pk])):
        response = client.get(url)
        assert response["Location"].startswith("/contactcenter/aanmelden/?next=/contactcenter/")
