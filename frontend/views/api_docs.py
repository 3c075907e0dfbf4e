"""The API reference as an ordinary page: every operation of the OpenAPI schema with its
parameters, body and answers, readable by keyboard and screen reader (Swagger UI is not: it nests
buttons in buttons and fails contrast)."""

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from mapping.openapi_operations import operations_of


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
