from ninja.security import SessionAuth
from wagtail.api.v3.auth import BearerTokenAuth

# Integrations send `Authorization: Bearer <token>` (Wagtail's API tokens, managed per user
# in the CMS or with `manage.py api_tokens create --user … --name …`); the console and the
# browser use the session, with CSRF protection on writes.
API_AUTH = [BearerTokenAuth(), SessionAuth()]
