package com.nexusai.server.backup;

import java.util.Locale;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.web.BadRequestException;

/** What a backup holds. */
public enum BackupKind {
    POSTGRES, REDIS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BackupKind of(String id) {
        for (BackupKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new BadRequestException(ProblemText.of("backup.kind", id));
    }
}
