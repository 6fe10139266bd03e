package com.nexusai.core.users;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpUsersApi implements UsersApi {

    private static final String ADMIN = "/api/admin/users";

    private final NexusClient client;

    HttpUsersApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public User me() throws IOException, InterruptedException {
        return user(client.getJson("/api/users/me"));
    }

    @Override
    public void changePassword(String currentPassword, String newPassword) throws IOException, InterruptedException {
        client.postJson("/api/users/me/password", Map.of("currentPassword", currentPassword, "newPassword", newPassword));
    }

    @Override
    public List<User> list() throws IOException, InterruptedException {
        return client.getJson(ADMIN).valueStream().map(HttpUsersApi::user).toList();
    }

    @Override
    public User create(String username, String password, Set<String> roles) throws IOException, InterruptedException {
        return user(client.postJson(ADMIN, Map.of("username", username, "password", password, "roles", roles)));
    }

    @Override
    public User disable(String username) throws IOException, InterruptedException {
        return user(client.postJson(path(username) + "/disable", Map.of()));
    }

    @Override
    public User enable(String username) throws IOException, InterruptedException {
        return user(client.postJson(path(username) + "/enable", Map.of()));
    }

    @Override
    public User setRoles(String username, Set<String> roles) throws IOException, InterruptedException {
        return user(client.putJson(path(username) + "/roles", Map.of("roles", roles)));
    }

    private static String path(String username) {
        return ADMIN + "/" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static User user(JsonNode node) {
        return new User(Json.text(node, "username"), node.path("roles").valueStream().map(JsonNode::asString).collect(Collectors.toSet()),
                node.path("enabled").asBoolean(), Json.instant(node, "createdAt"));
    }
}
