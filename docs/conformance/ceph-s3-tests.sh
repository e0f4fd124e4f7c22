#!/usr/bin/env bash
# Runs the public ceph/s3-tests functional suite (the tests not marked fails_on_aws) against a Gureum
# jar, as docs/s3-conformance.md describes. Nothing is fetched at run time: make the checkout first.
#
#   git clone https://github.com/ceph/s3-tests && git -C s3-tests checkout 8f0ae7b404a3a2fcf7038bf1e6bf29544fe9b6a3
#   pip install -r s3-tests/requirements.txt     # or the distribution's python3-boto3, pytest, pytz, ...
#
# Usage: S3_TESTS=<checkout> docs/conformance/ceph-s3-tests.sh <gureum.jar> <output file> [pytest args] [-- server args]
#   docs/conformance/ceph-s3-tests.sh emulator-server/target/gureum.jar current.txt
#   docs/conformance/ceph-s3-tests.sh emulator-server/target/gureum.jar legacy.txt -- --s3-legacy-defaults
#   docs/conformance/ceph-s3-tests.sh emulator-server/target/gureum.jar sse.txt -k "sse_kms or copy_enc"
# Environment: S3_TESTS (the checkout, default ./s3-tests), PORT (default 4599).
#
# The server checks signatures (--verify-signatures), so a request without one is anonymous, as on AWS.
# The users "main", "alt" and "tenant" are the access keys 000000000000, 111111111111 and 222222222222
# (secret "test"); the IAM root accounts 333333333333 and 444444444444. The KMS key ids are key ARNs:
# S3 answers x-amz-server-side-encryption-aws-kms-key-id with the key's ARN whatever form the request
# named it in, so a suite run against AWS is configured with ARNs too. api_name is us-east-1, the
# region of the endpoint.
set -euo pipefail
JAR=$(readlink -f "$1"); OUT=$(readlink -f "$2"); shift 2
S3_TESTS=$(readlink -f "${S3_TESTS:-s3-tests}")
PORT="${PORT:-4599}"
PYARGS=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do PYARGS+=("$1"); shift; done
[ "${1:-}" == "--" ] && shift
CONF=$(mktemp)
trap 'rm -f "$CONF"; [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true' EXIT

user() { # section, key, canonical user id, email
  printf '[%s]\ndisplay_name = gureum-%s\nuser_id = %s\nemail = %s\naccess_key = %s\nsecret_key = test\n' \
    "$1" "$2" "$3" "$4" "$2"
}
{
  printf '[DEFAULT]\nhost = localhost\nport = %s\nis_secure = False\nssl_verify = False\n' "$PORT"
  printf '[fixtures]\nbucket prefix = cephtest-{random}-\niam name prefix = s3-tests-\niam path prefix = /s3-tests/\n'
  user "s3 main" 000000000000 82a893c780a6fe3218f91998e010e47590f0bbe0f3b06379a5fcc49275e63797 main@example.com
  printf 'api_name = us-east-1\n'
  printf 'kms_keyid = arn:aws:kms:us-east-1:000000000000:key/testkey-1\n'
  printf 'kms_keyid2 = arn:aws:kms:us-east-1:000000000000:key/testkey-2\n'
  user "s3 alt" 111111111111 b250786120e40b7a0003c9cc366271f76984ad478b00dd9b6eab4660a7c8c241 alt@example.com
  user "s3 tenant" 222222222222 d67313847a9c03934407b51701d4c6ddb2bd7e862737e929f9adf02193b013f0 tenant@example.com
  printf 'tenant = testx\n'
  user "iam" 000000000000 82a893c780a6fe3218f91998e010e47590f0bbe0f3b06379a5fcc49275e63797 s3@example.com
  printf '[iam root]\naccess_key = 333333333333\nsecret_key = test\nuser_id = 333333333333\nemail = account1@example.com\n'
  printf '[iam alt root]\naccess_key = 444444444444\nsecret_key = test\nuser_id = 444444444444\nemail = account2@example.com\n'
} > "$CONF"

java -jar "$JAR" --port "$PORT" --verify-signatures \
  --credentials 000000000000:test,111111111111:test,222222222222:test,333333333333:test,444444444444:test \
  "$@" > "$OUT.server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "localhost:$PORT/_gureum/health" > /dev/null && break; sleep 0.2; done
cd "$S3_TESTS"
S3TEST_CONF="$CONF" python3 -m pytest s3tests/functional/test_s3.py -m "not fails_on_aws" -q \
  -p no:cacheprovider -rf ${PYARGS[@]+"${PYARGS[@]}"} > "$OUT" 2>&1 || true
tail -1 "$OUT"
