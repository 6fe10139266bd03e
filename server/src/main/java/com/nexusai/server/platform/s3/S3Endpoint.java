package com.nexusai.server.platform.s3;

import com.nexusai.server.platform.Endpoint;

public record S3Endpoint(String url, String accessKey, String secretKey, String version) implements Endpoint {

    @Override
    public String address() {
        return url;
    }

    @Override
    public String toString() {
        return "S3Endpoint[" + url + ", access key " + accessKey + "]";
    }
}
