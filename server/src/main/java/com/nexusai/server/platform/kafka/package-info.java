/** The embedded Kafka and what the features use of it (a named interface of the platform module). */
@NamedInterface("kafka")
package com.nexusai.server.platform.kafka;

import org.springframework.modulith.NamedInterface;
