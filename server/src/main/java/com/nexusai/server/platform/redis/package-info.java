/** The embedded Redis and what the features use of it (a named interface of the platform module). */
@NamedInterface("redis")
package com.nexusai.server.platform.redis;

import org.springframework.modulith.NamedInterface;
