package com.nexusai.core.api;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Signing in to a fleet (the guide's app1..app3) once: on the first instance that answers, then every instance gets a
 * client sharing that sign-in. An instance that cannot be reached is kept (its panels show it down, with the reason,
 * and it is retried); one that refuses the shared sign-in (another platform) gets its own. Fails when no instance can
 * be reached, when the password is wrong, or when a certificate must be confirmed first. Blocking.
 */
public final class FleetSignIn {

    private final ServerTrust trust;
    private final Clock clock;
    private final java.util.Locale language;

    public FleetSignIn(ServerTrust trust, Clock clock) {
        this(trust, clock, java.util.Locale.ENGLISH);
    }

    /** @param language the language the servers say their refusals in (a wrong password...) */
    public FleetSignIn(ServerTrust trust, Clock clock, java.util.Locale language) {
        this.trust = trust;
        this.clock = clock;
        this.language = language;
    }

    /** @param addresses comma-separated base URLs */
    public List<NexusClient> signIn(String addresses, String user, String password) throws IOException, InterruptedException {
        List<URI> instances = Arrays.stream(addresses.split("\\s*,\\s*")).filter(one -> !one.isBlank())
                .map(one -> URI.create(one.endsWith("/") ? one : one + "/")).distinct().toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no server address");
        }
        NexusClient signedIn = null;
        List<String> unreachable = new ArrayList<>();
        for (URI instance : instances) {
            NexusClient client = new NexusClient(instance, clock, trust);
            client.speak(language);
            try {
                client.login(user, password);
                signedIn = client;
                break;
            } catch (NexusClient.ApiException e) {
                if (e.status() != 0 || e instanceof NexusClient.UntrustedServerException) {
                    throw e; // wrong password, a server that refuses, or a certificate to confirm first
                }
                unreachable.add(e.getMessage());
            }
        }
        if (signedIn == null) {
            throw new IOException(String.join("; ", unreachable));
        }
        List<NexusClient> clients = new ArrayList<>();
        for (URI instance : instances) {
            NexusClient client = instance.equals(signedIn.base()) ? signedIn : signedIn.sharingSignIn(instance);
            try {
                client.checkSignIn();
            } catch (NexusClient.ApiException e) {
                if (e instanceof NexusClient.UntrustedServerException) {
                    throw e; // another instance's certificate: confirmed one at a time, never in passing
                }
                if (e.status() == 401) {
                    client = new NexusClient(instance, clock, trust);
                    client.speak(language);
                    client.login(user, password);
                    client.checkSignIn();
                } else if (e.status() != 0) {
                    throw new IOException(instance.getAuthority() + ": " + e.getMessage(), e);
                }
                // unreachable now: kept, its monitor shows why and retries
            }
            clients.add(client);
        }
        return List.copyOf(clients);
    }
}
