# shellcheck shell=sh disable=SC2034
# /opt/nexusai/config/env.sh, mode 0600, owner nexusai: the settings of one instance (guide §2.2). Read by
# systemd (EnvironmentFile) and by the guide's scripts (". env.sh"): NAME="value" lines only, no "export",
# no $ expansion, a value with spaces in double quotes, so that both read the same. Fill in every value.
JAVA_HOME="/usr/lib/jvm/temurin-25-jre-amd64"
JAVA_OPTS="-server -Xms4g -Xmx8g -XX:+UseG1GC -XX:MaxGCPauseMillis=200 -XX:+UseStringDeduplication -XX:+HeapDumpOnOutOfMemoryError"

DB_HOST="db.internal"
DB_PORT="5432"
DB_NAME="nexusai"
DB_USER="nexusai"
DB_PASSWORD="change-me"
# the PostgreSQL streaming replica (guide §1.2), same database, user and password; backups read from it while it
# answers, and its lag is published (pg_replication_lag_seconds). Empty: no replica.
DB_REPLICA_HOST=""
DB_REPLICA_PORT="5432"

REDIS_HOST="redis.internal"
REDIS_PASSWORD="change-me"
# the guide's replicated Redis through Sentinel: the master's name and the Sentinels, e.g.
# REDIS_SENTINEL_MASTER="nexusai" and REDIS_SENTINEL_NODES="redis1.internal:26379,redis2.internal:26379,redis3.internal:26379";
# REDIS_HOST is then not used (the Sentinels say where the master is, after a failover too). Empty: standalone.
REDIS_SENTINEL_MASTER=""
REDIS_SENTINEL_NODES=""
# the Sentinels' own password (their requirepass), when they have one
REDIS_SENTINEL_PASSWORD=""

KAFKA_SERVERS="kafka1.internal:9092,kafka2.internal:9092,kafka3.internal:9092"

MINIO_ENDPOINT="https://minio.internal:9000"
MINIO_ACCESS_KEY="change-me"
MINIO_SECRET_KEY="change-me"

# credentials and TLS to the data tier (docs/ops.md: the guide's cluster), each off while empty:
# DATA_TIER_CA_FILE: the PEM certificate of the authority that signed the data tier's servers (empty: the system's trust store)
# DB_SSLMODE: pgjdbc's and libpq's sslmode, "verify-full" in production (the certificate must name DB_HOST and DB_REPLICA_HOST)
# REDIS_TLS="true": Redis and its Sentinels over TLS; REDIS_USERNAME: the ACL user REDIS_PASSWORD belongs to
# KAFKA_SECURITY_PROTOCOL="SASL_SSL" with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (SCRAM-SHA-512 unless KAFKA_SASL_MECHANISM)
# an https:// MINIO_ENDPOINT is verified against DATA_TIER_CA_FILE
DATA_TIER_CA_FILE=""
DB_SSLMODE=""
REDIS_TLS="false"
REDIS_USERNAME=""
KAFKA_SECURITY_PROTOCOL="PLAINTEXT"
KAFKA_SASL_MECHANISM="SCRAM-SHA-512"
KAFKA_SASL_USERNAME=""
KAFKA_SASL_PASSWORD=""

OLLAMA_URL="http://ollama.internal:11434"

# escalation notifications by email (§6.3, §8): the SMTP server the contacts' mail goes through; empty: no email
# (the attempt and the reason are in the incident's timeline). A contact's webhook needs nothing here.
SMTP_HOST=""
SMTP_PORT="587"
SMTP_USERNAME=""
SMTP_PASSWORD=""
SMTP_FROM="nexusai@nexusai.fr"

# at least 32 random bytes, the same on every instance: openssl rand -base64 48
JWT_SECRET="change-me"
# the bearer token Prometheus sends to /actuator/prometheus (prometheus.yml), the same on every instance
NEXUSAI_SCRAPE_TOKEN="change-me"

# this instance's name in logs, backups and incidents (app1, app2, app3)
NEXUSAI_NODE_NAME="app1"

# the load balancers whose X-Forwarded-For / X-Forwarded-Proto are believed (CIDR blocks, comma-separated):
# the sign-in throttle and the audit see the real client only through them
NEXUSAI_TRUSTED_PROXIES="127.0.0.0/8,::1/128,10.0.0.0/8"

# guide §4.1: HTTPS on 8443 with the PKCS12 key store made by keytool, /opt/nexusai/config/nexusai.p12
# (docs/ops.md: TLS end to end). HAProxy's haproxy.cfg checks the instances there, over TLS; bin/wait-healthy and
# bin/rolling-update.sh read the scheme and port from these two lines.
SERVER_SSL_ENABLED="true"
SERVER_PORT="8443"
SSL_KEYSTORE_PASSWORD="change-me"
