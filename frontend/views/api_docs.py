"""The API reference as an ordinary page: every operation of the OpenAPI schema with its
parameters, body and answers, readable by keyboard and screen reader (Swagger UI is not: it nests
buttons in buttons and fails contrast)."""

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

METHODS = ["get", "post", "put", "patch", "delete"]


def operations_of(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "body_types": list(body),
                    "responses": [
                        (code, answer.get("description", ""), list(answer.get("content", {})))
                        for code, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


def api_docs_page(request):
    """Every operation in the schema's order, with a link to the machine-readable schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "frontend/api_docs.html",
        {
            "info": schema["info"],
            "operations": operations_of(schema),
            "schema_url": reverse("schema"),
        },
    )
