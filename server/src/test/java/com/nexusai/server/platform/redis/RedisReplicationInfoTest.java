package com.nexusai.server.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The replication section of INFO, as Redis 7 writes it for a master and for a replica. */
class RedisReplicationInfoTest {

    private static Properties info(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @Test
    void aMasterListsItsReplicasAndHowFarEachIsBehind() throws Exception {
        RedisReplicationInfo master = RedisReplicationInfo.of(info("""
                # Replication
                role:master
                connected_slaves:2
                slave0:ip=127.0.0.1,port=6380,state=online,offset=1000,lag=0
                slave1:ip=10.0.0.3,port=6379,state=wait_bgsave,offset=0,lag=3
                master_failover_state:no-failover
                master_repl_offset:1500
                """));
        assertThat(master.master()).isTrue();
        assertThat(master.replicas()).containsExactly(new RedisReplicationInfo.Replica("127.0.0.1:6380", "online", 1000, 0),
                new RedisReplicationInfo.Replica("10.0.0.3:6379", "wait_bgsave", 0, 3));
        assertThat(master.behindBytes(master.replicas().getFirst())).isEqualTo(500);
        assertThat(master.onlineReplicas()).isEqualTo(1);
    }

    @Test
    void aReplicaSaysWhereItsMasterIsAndWhetherTheLinkIsUp() throws Exception {
        RedisReplicationInfo replica = RedisReplicationInfo.of(info("""
                role:slave
                master_host:127.0.0.1
                master_port:6379
                master_link_status:down
                master_repl_offset:42
                connected_slaves:0
                """));
        assertThat(replica.master()).isFalse();
        assertThat(replica.masterAddress()).isEqualTo("127.0.0.1:6379");
        assertThat(replica.masterLinkUp()).isFalse();
        assertThat(replica.replicas()).isEmpty();
    }
}
