package com.nexusai.core.users;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.nexusai.core.api.NexusClient;

/** Who is signed in (every role), and the server's users (ADMIN). */
public interface UsersApi {

    /** The signed-in user, as the server knows them. */
    User me() throws IOException, InterruptedException;

    /** Changes the signed-in user's password; the server then signs them out everywhere, this client included. */
    void changePassword(String currentPassword, String newPassword) throws IOException, InterruptedException;

    /** Every user (ADMIN). */
    List<User> list() throws IOException, InterruptedException;

    /** @param roles at least one of SUPPORT, DEVOPS, DEVELOPER, ADMIN */
    User create(String username, String password, Set<String> roles) throws IOException, InterruptedException;

    /** Disables the user: their tokens stop working at once. */
    User disable(String username) throws IOException, InterruptedException;

    User enable(String username) throws IOException, InterruptedException;

    User setRoles(String username, Set<String> roles) throws IOException, InterruptedException;

    static UsersApi over(NexusClient client) {
        return new HttpUsersApi(client);
    }
}
