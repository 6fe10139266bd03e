package com.nexusai.desktop.connect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.nexusai.core.api.FleetSignIn;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.api.ServerTrust;

/** Signs in through app-core's {@link FleetSignIn}, trusting what the console's {@link ServerTrust} trusts. */
public final class FleetConnector implements ConnectViewModel.Connector {

    private final ServerTrust trust;
    private final FleetSignIn fleet;

    /** @param language the console's: the servers' refusals (a wrong password...) are said in it */
    public FleetConnector(ServerTrust trust, Clock clock, java.util.Locale language) {
        this.trust = trust;
        this.fleet = new FleetSignIn(trust, clock, language);
    }

    @Override
    public List<NexusClient> signIn(String addresses, String user, String password, String caFile) throws Exception {
        if (!caFile.isEmpty()) {
            trust.addCaFile(Path.of(caFile));
        }
        return fleet.signIn(addresses, user, password);
    }

    @Override
    public void trust(String server, String fingerprint) throws IOException {
        trust.confirm(server, fingerprint);
    }
}
