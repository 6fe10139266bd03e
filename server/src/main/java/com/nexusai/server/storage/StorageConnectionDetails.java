package com.nexusai.server.storage;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/** Where the S3-compatible object store is and how to sign requests to it. */
public record StorageConnectionDetails(String endpoint, String accessKey, String secretKey) implements ConnectionDetails {

    @Override
    public String toString() {
        return "StorageConnectionDetails[" + endpoint + ", access key " + accessKey + "]";
    }
}
