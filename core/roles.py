"""The four roles of the product, as Django groups (created by migrations).

Wagtail's own migrations create groups called "Editors" and "Moderators"; ours have
Dutch names and are the ones the product uses. Models are named by (app label, model),
never imported, so every app's migrations can keep the groups in step.
"""

REDACTEUR = "Redacteur"
VOORLICHTER = "Voorlichter"
BEHEERDER = "Beheerder"
# Team leads of the contact center: the escalation reports (R21), nothing to edit.
TEAMLEIDER = "Teamleider"

POINT = ("points", "escalationpoint")
QUESTION = ("knowledge", "question")
PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock"]  # on the public site's pages
REFERENCE_MODELS = [
    ("reference", "linecode"),
    ("reference", "emailtemplate"),
    ("reference", "editorialdomain"),
    ("reference", "reportingtheme"),
    ("reference", "closingday"),
    ("reference", "organisation"),
]
POINT_ACTIONS = ["add", "change", "delete", "view", "publish", "lock", "unlock"]
CRUD = ["add", "change", "delete", "view"]
ESCALATION = ("escalations", "escalation")
OUTBOX_MESSAGE = ("escalations", "outboxmessage")
CRM_ENDPOINT = ("escalations", "crmendpoint")
VIEW_REPORTS = ("reports", "escalationreport", "view_escalation_reports")
USER_MODELS = [("auth", "user"), ("auth", "group")]
LOCKED_LOGINS = ("axes", "accessattempt")  # unlocked by deleting the attempt

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")


def role_permissions() -> dict[str, list[tuple[str, str, str]]]:
    """(app_label, model, codename) per role."""

    def perms(models, actions):
        return [(app, model, f"{action}_{model}") for app, model in models for action in actions]

    read_reference = perms(REFERENCE_MODELS, ["view"])
    return {
        REDACTEUR: [
            ADMIN_ACCESS,
            *perms([POINT], POINT_ACTIONS),
            *perms([QUESTION], CRUD),
            *read_reference,
        ],
        # Agents work in the contactcenter site and the API, never in the CMS, where
        # drafts live (R22): no admin access.
        VOORLICHTER: [
            *perms([POINT], ["view"]),
            *perms([QUESTION], ["view"]),
            *read_reference,
            # Escalating is recording one; agents read their own (R26).
            *perms([ESCALATION], ["add"]),
        ],
        BEHEERDER: [
            ADMIN_ACCESS,
            *perms([POINT], POINT_ACTIONS),
            *perms([QUESTION], CRUD),
            *perms(REFERENCE_MODELS, CRUD),
            *perms(USER_MODELS, CRUD),
            *perms([LOCKED_LOGINS], ["view", "delete"]),
            # Every escalation, the messages that could not be delivered (sent again by
            # changing them) and the CRM links of organisations (R12).
            *perms([ESCALATION], ["view"]),
            *perms([OUTBOX_MESSAGE], ["view", "change"]),
            *perms([CRM_ENDPOINT], CRUD),
            VIEW_REPORTS,
        ],
        # The CMS for the reports menu, and the reports: no point, page or reference data.
        TEAMLEIDER: [ADMIN_ACCESS, VIEW_REPORTS],
    }


PAGE_EDITING_ROLES = [REDACTEUR, BEHEERDER]


def sync_roles(apps) -> None:
    """Create the groups and give them exactly their permissions (idempotent)."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    for role, wanted in role_permissions().items():
        group, _ = group_model.objects.get_or_create(name=role)
        permissions = []
        for app_label, model, codename in wanted:
            content_type, _ = content_type_model.objects.get_or_create(
                app_label=app_label, model=model
            )
            permission, _ = permission_model.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            permissions.append(permission)
        group.permissions.set(permissions)
    _grant_page_permissions(apps)


def _grant_page_permissions(apps) -> None:
    """Editors edit and publish the public site's pages (from its home page down)."""
    page_model = apps.get_model("wagtailcore", "Page")
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    group_page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    home = page_model.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    page_type, _ = content_type_model.objects.get_or_create(app_label="wagtailcore", model="page")
    for role in PAGE_EDITING_ROLES:
        group = group_model.objects.get(name=role)
        for action in PAGE_ACTIONS:
            permission, _ = permission_model.objects.get_or_create(
                content_type=page_type,
                codename=f"{action}_page",
                defaults={"name": f"Can {action} page"},
            )
            group_page_permission_model.objects.get_or_create(
                group=group, page=home, permission=permission
            )
