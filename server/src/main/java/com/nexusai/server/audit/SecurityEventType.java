package com.nexusai.server.audit;

/** What the security audit trail records. */
public enum SecurityEventType {
    LOGIN_OK, LOGIN_FAILED, LOGIN_THROTTLED, LOGOUT, REFRESH_REUSE, KEY_ROTATION,
    USER_CREATED, USER_DISABLED, USER_ENABLED, ROLES_CHANGED, PASSWORD_CHANGED
}
