package io.tidbbinlog.proto;

import static io.tidbbinlog.proto.WireBytes.assertReencodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.proto.pdpb.ErrorType;
import io.tidbbinlog.proto.pdpb.GetMembersRequest;
import io.tidbbinlog.proto.pdpb.GetMembersResponse;
import io.tidbbinlog.proto.pdpb.Member;
import io.tidbbinlog.proto.pdpb.ResponseHeader;
import io.tidbbinlog.proto.pdpb.Timestamp;
import io.tidbbinlog.proto.pdpb.TsoRequest;
import io.tidbbinlog.proto.pdpb.TsoResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-assembled wire bytes for the pdpb subset (kvproto proto/pdpb.proto, proto3, package pdpb). */
class PdWireVectorsTest {
    static final long CLUSTER_ID = PumpWireVectorsTest.CLUSTER_ID;

    static final String MEMBER = """
            0a 04 "pd-0"                                  // 1 name
            10 64                                         // 2 member_id = 100
            1a 15 "http://127.0.0.1:2380"                 // 3 peer_urls[0], 21 bytes
            22 15 "http://127.0.0.1:2379"                 // 4 client_urls[0], 21 bytes
            """;

    @Test
    void getMembersRequestBeforeTheClusterIdIsKnown() throws Exception {
        byte[] wire = WireBytes.of("""
                0a 00                                     // 1 header: present, cluster_id 0 omitted
                """);
        GetMembersRequest req = GetMembersRequest.parseFrom(wire);
        assertTrue(req.hasHeader());
        assertEquals(0, req.getHeader().getClusterId());
        assertReencodes(wire, req);
    }

    @Test
    void getMembersRequestWithClusterAndSender() throws Exception {
        byte[] wire = WireBytes.of("""
                0a 0c                                     // 1 header, 12 bytes: RequestHeader {
                  08 a7 86 ff bb 95 9d d5 88 5f           //   1 cluster_id
                  10 07                                   //   2 sender_id = 7 }
                """);
        GetMembersRequest req = GetMembersRequest.parseFrom(wire);
        assertEquals(CLUSTER_ID, req.getHeader().getClusterId());
        assertEquals(7, req.getHeader().getSenderId());
        assertReencodes(wire, req);
    }

    @Test
    void getMembersResponseGivesTheClusterIdAndLeaderUrls() throws Exception {
        byte[] wire = WireBytes.of("0a 0a 08 a7 86 ff bb 95 9d d5 88 5f  // 1 header { cluster_id }\n"
                + "12 36\n" + MEMBER + "                    // 2 members[0], 54 bytes\n"
                + "1a 36\n" + MEMBER + "                    // 3 leader\n"
                + "22 36\n" + MEMBER + "                    // 4 etcd_leader\n");
        GetMembersResponse resp = GetMembersResponse.parseFrom(wire);
        assertEquals(CLUSTER_ID, resp.getHeader().getClusterId());
        assertEquals(1, resp.getMembersCount());
        Member leader = resp.getLeader();
        assertEquals("pd-0", leader.getName());
        assertEquals(100, leader.getMemberId());
        assertEquals(List.of("http://127.0.0.1:2380"), leader.getPeerUrlsList());
        assertEquals(List.of("http://127.0.0.1:2379"), leader.getClientUrlsList());
        assertEquals(leader, resp.getEtcdLeader());
        assertReencodes(wire, resp);
    }

    @Test
    void responseHeaderWithError() throws Exception {
        byte[] wire = WireBytes.of("""
                08 a7 86 ff bb 95 9d d5 88 5f             // 1 cluster_id
                12 11                                     // 2 error, 17 bytes: Error {
                  08 02                                   //   1 type = NOT_BOOTSTRAPPED
                  12 0d "not bootstrap"                   //   2 message, 13 bytes }
                """);
        ResponseHeader h = ResponseHeader.parseFrom(wire);
        assertEquals(ErrorType.NOT_BOOTSTRAPPED, h.getError().getType());
        assertEquals("not bootstrap", h.getError().getMessage());
        assertReencodes(wire, h);
    }

    @Test
    void tsoRequest() throws Exception {
        byte[] wire = WireBytes.of("""
                0a 0a 08 a7 86 ff bb 95 9d d5 88 5f       // 1 header { 1 cluster_id }
                10 01                                     // 2 count = 1
                1a 06 "global"                            // 3 dc_location
                """);
        TsoRequest req = TsoRequest.parseFrom(wire);
        assertEquals(CLUSTER_ID, req.getHeader().getClusterId());
        assertEquals(1, req.getCount());
        assertEquals("global", req.getDcLocation());
        assertReencodes(wire, req);
    }

    @Test
    void tsoResponse() throws Exception {
        byte[] wire = WireBytes.of("""
                0a 0a 08 a7 86 ff bb 95 9d d5 88 5f       // 1 header { 1 cluster_id }
                10 01                                     // 2 count = 1
                1a 09                                     // 3 timestamp, 9 bytes: Timestamp {
                  08 80 d0 95 ff bc 31                    //   1 physical = 1700000000000 ms
                  10 05                                   //   2 logical = 5 }
                """);
        TsoResponse resp = TsoResponse.parseFrom(wire);
        Timestamp ts = resp.getTimestamp();
        assertEquals(1_700_000_000_000L, ts.getPhysical());
        assertEquals(5, ts.getLogical());
        assertEquals(0, ts.getSuffixBits());
        // TSO = physical << 18 | logical
        assertEquals(445644800000000005L, ts.getPhysical() << 18 | ts.getLogical());
        assertReencodes(wire, resp);
    }

    @Test
    void timestampWithSuffixBits() throws Exception {
        byte[] wire = WireBytes.of("""
                08 80 90 99 fc 92 2f                      // 1 physical = 1620000000000
                10 c8 01                                  // 2 logical = 200
                18 02                                     // 3 suffix_bits = 2
                """);
        Timestamp ts = Timestamp.parseFrom(wire);
        assertEquals(1_620_000_000_000L, ts.getPhysical());
        assertEquals(200, ts.getLogical());
        assertEquals(2, ts.getSuffixBits());
        assertReencodes(wire, ts);
    }
}
