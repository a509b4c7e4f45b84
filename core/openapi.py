"""OpenAPI schemas that list every status code an endpoint can answer.

Errors that django-ninja or Django answer for any endpoint (invalid parameters, no or a
bad token, no permission, not found, a body that is too large) get their documented shape
in every operation, so a client and a fuzzer know them.
"""

from ninja import NinjaAPI

ERROR_SCHEMA_NAME = "Foutmelding"
ERROR_SCHEMA = {
    "title": ERROR_SCHEMA_NAME,
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "Wat er mis is, in het Nederlands."},
        "errors": {
            "type": "object",
            "description": "Per veld (JSON-pad) de meldingen.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def with_error_responses(schema: dict, statuses: dict[int, str]) -> dict:
    schema.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}}}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            documented = {str(code) for code in responses}  # ninja keys them by int
            for status, description in statuses.items():
                if str(status) not in documented:
                    responses[status] = {"description": description, "content": error}
    return schema


class DocumentedErrorsAPI(NinjaAPI):
    """A NinjaAPI whose schema documents `error_statuses` on every operation."""

    def __init__(self, *args, error_statuses: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.error_statuses = error_statuses

    def get_openapi_schema(self, **kwargs):
        return with_error_responses(super().get_openapi_schema(**kwargs), self.error_statuses)
