"""schemathesis hooks for scripts/check-openapi.sh: a batch body is JSON Lines, one record a line."""
import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    records = value if isinstance(value, list) else [value]
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()
