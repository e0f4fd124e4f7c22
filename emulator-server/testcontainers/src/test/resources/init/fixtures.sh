#!/bin/sh
# Fixtures for GureumContainerIT: a bucket, made with an unsigned request (the image has python3, no AWS CLI).
set -eu
python3 - <<'PY'
import os, urllib.request
urllib.request.urlopen(urllib.request.Request(os.environ["AWS_ENDPOINT_URL"] + "/fixtures", method="PUT"))
PY
echo "bucket fixtures made at $AWS_ENDPOINT_URL in $AWS_DEFAULT_REGION"
