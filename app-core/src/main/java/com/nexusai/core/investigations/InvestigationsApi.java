package com.nexusai.core.investigations;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.NexusClient;

/** The server's investigations: its analyzers run on the instance's live evidence. */
public interface InvestigationsApi {

    /** The instance asked (host:port). */
    String instance();

    /** What the analyzers find now, worst first. */
    List<Finding> findings() throws IOException, InterruptedException;

    static InvestigationsApi over(NexusClient client) {
        return new HttpInvestigationsApi(client);
    }
}
