"""The operations of an OpenAPI document as the reference pages list them: the main API's
(frontend) and the OGC API's (ogc), one definition for both."""

METHODS = ["get", "post", "put", "patch", "delete"]


def operations_of(schema: dict) -> list[dict]:
    """Each operation with its method, path, parameters, body types and answers, in order."""
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
