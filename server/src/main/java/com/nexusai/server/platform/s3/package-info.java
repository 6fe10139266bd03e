/** The embedded S3 store and its endpoint (a named interface of the platform module: storage reaches the store through it). */
@NamedInterface("s3")
package com.nexusai.server.platform.s3;

import org.springframework.modulith.NamedInterface;
