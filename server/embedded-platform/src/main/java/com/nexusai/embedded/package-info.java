/**
 * The third-party servers of embedded mode, behind launchers that take plain settings: {@code postgres}
 * (zonky's PostgreSQL binaries), {@code redis} (the redis-server binary of embedded-redis), {@code kafka}
 * (the broker's own JVM) and {@code s3} (s3proxy). The server's {@code platform} package decides ports, secrets
 * and directories; nothing here knows the server.
 */
package com.nexusai.embedded;
