"""The three roles of the product, as Django groups (created by a migration).

Wagtail's own migrations create groups called "Editors" and "Moderators"; ours have
Dutch names and are the ones the product uses.
"""

REDACTEUR = "Redacteur"
VOORLICHTER = "Voorlichter"
BEHEERDER = "Beheerder"

POINT = ("points", "escalationpoint")
REFERENCE_MODELS = [
    ("points", "linecode"),
    ("points", "emailtemplate"),
    ("points", "editorialdomain"),
    ("points", "reportingtheme"),
    ("points", "closingday"),
    ("knowledge", "organisation"),
]
POINT_ACTIONS = ["add", "change", "delete", "view", "publish", "lock", "unlock"]
CRUD = ["add", "change", "delete", "view"]
USER_MODELS = [("auth", "user"), ("auth", "group")]

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")


def role_permissions() -> dict[str, list[tuple[str, str, str]]]:
    """(app_label, model, codename) per role."""

    def perms(models, actions):
        return [(app, model, f"{action}_{model}") for app, model in models for action in actions]

    read_reference = perms(REFERENCE_MODELS, ["view"])
    return {
        REDACTEUR: [ADMIN_ACCESS, *perms([POINT], POINT_ACTIONS), *read_reference],
        VOORLICHTER: [ADMIN_ACCESS, *perms([POINT], ["view"]), *read_reference],
        BEHEERDER: [
            ADMIN_ACCESS,
            *perms([POINT], POINT_ACTIONS),
            *perms(REFERENCE_MODELS, CRUD),
            *perms(USER_MODELS, CRUD),
        ],
    }


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
