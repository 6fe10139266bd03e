package com.nexusai.server.auth;

/** The roles of NexusAI's users; support staff, DevOps and developers match the guide's escalation levels. */
public enum Role {
    ADMIN, DEVOPS, SUPPORT, DEVELOPER, USER
}
