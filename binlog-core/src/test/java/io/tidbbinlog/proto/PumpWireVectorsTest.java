package io.tidbbinlog.proto;

import static io.tidbbinlog.proto.WireBytes.assertReencodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.cistern.DumpBinlogResp;
import io.tidbbinlog.proto.cistern.NotifyReq;
import io.tidbbinlog.proto.cistern.NotifyResp;
import io.tidbbinlog.proto.pump.Entity;
import io.tidbbinlog.proto.pump.PullBinlogReq;
import io.tidbbinlog.proto.pump.PullBinlogResp;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import org.junit.jupiter.api.Test;

/**
 * Hand-assembled wire bytes for tipb's pump.proto and cistern.proto (proto3, package binlog). Go's gogo marshaller
 * (tipb go-binlog/pump.pb.go at e9fcadb2a31289d82c2ce3c07f8c60ca43d7f93a) omits zero scalars, as proto3 does, but
 * always writes the nullable=false embedded messages PullBinlogReq.startFrom, PullBinlogResp.entity, Entity.pos and
 * Entity.meta, as {@code tag 00} when empty.
 */
class PumpWireVectorsTest {
    static final long CLUSTER_ID = 6850349869379339047L; // varint a7 86 ff bb 95 9d d5 88 5f

    @Test
    void writeBinlogRequestCarryingAFakeBinlog() throws Exception {
        byte[] wire = WireBytes.of("""
                08 a7 86 ff bb 95 9d d5 88 5f             // 1 clusterID
                12 1a                                     // 2 payload, 26 bytes: a serialized binlog.Binlog {
                  08 02                                   //   tp = Rollback
                  10 80 80 d0 f7 cb fa 8a d4 05           //   start_ts = T
                  18 80 80 d0 f7 cb fa 8a d4 05           //   commit_ts = T
                  38 00                                   //   ddl_job_id
                  40 00                                   //   ddl_schema_state }
                """);
        WriteBinlogReq req = WriteBinlogReq.parseFrom(wire);
        assertEquals(CLUSTER_ID, req.getClusterID());
        Binlog b = Binlog.parseFrom(req.getPayload());
        assertEquals(BinlogType.Rollback, b.getTp());
        assertEquals(BinlogWireVectorsTest.FAKE_TS, b.getCommitTs());
        assertReencodes(wire, req);
    }

    @Test
    void writeBinlogResponses() throws Exception {
        WriteBinlogResp ok = WriteBinlogResp.parseFrom(new byte[0]);
        assertEquals("", ok.getErrmsg());
        assertEquals(0, ok.toByteArray().length);

        byte[] wire = WireBytes.of("""
                0a 17 "cluster ID are mismatch"           // 1 errmsg, 23 bytes
                """);
        WriteBinlogResp err = WriteBinlogResp.parseFrom(wire);
        assertEquals("cluster ID are mismatch", err.getErrmsg());
        assertReencodes(wire, err);
    }

    @Test
    void pullRequestWithEmptyStartFromAsGoWritesIt() throws Exception {
        byte[] wire = WireBytes.of("""
                08 a7 86 ff bb 95 9d d5 88 5f             // 1 clusterID
                12 00                                     // 2 startFrom: empty Pos, written because nullable=false
                """);
        PullBinlogReq req = PullBinlogReq.parseFrom(wire);
        assertEquals(CLUSTER_ID, req.getClusterID());
        assertTrue(req.hasStartFrom());
        assertEquals(0, req.getStartFrom().getOffset());
        assertReencodes(wire, req);
    }

    @Test
    void pullRequestWithoutStartFromMeansOffsetZero() throws Exception {
        byte[] wire = WireBytes.of("""
                08 a7 86 ff bb 95 9d d5 88 5f             // 1 clusterID; no field 2
                """);
        PullBinlogReq req = PullBinlogReq.parseFrom(wire);
        assertFalse(req.hasStartFrom());
        assertEquals(0, req.getStartFrom().getOffset());
        assertEquals(0, req.getStartFrom().getSuffix());
        assertReencodes(wire, req);
    }

    @Test
    void pullRequestFromACommitTs() throws Exception {
        byte[] wire = WireBytes.of("""
                08 a7 86 ff bb 95 9d d5 88 5f             // 1 clusterID
                12 0a                                     // 2 startFrom, 10 bytes: Pos {
                  10 81 80 e0 fd cb fa 8a d4 05           //   2 offset = last commit_ts received (suffix 0 omitted) }
                """);
        PullBinlogReq req = PullBinlogReq.parseFrom(wire);
        assertEquals(BinlogWireVectorsTest.COMMIT_TS, req.getStartFrom().getOffset());
        assertEquals(0, req.getStartFrom().getSuffix());
        assertReencodes(wire, req);
    }

    @Test
    void pullResponseEntityWithMeta() throws Exception {
        byte[] wire = WireBytes.of("""
                0a 49                                     // 1 entity, 73 bytes: Entity {
                  0a 00                                   //   1 pos: empty, written because nullable=false
                  12 2f                                   //   2 payload, 47 bytes: binlog.Binlog {
                    08 01                                 //     tp = Commit
                    10 81 80 d0 f7 cb fa 8a d4 05         //     start_ts
                    18 81 80 e0 fd cb fa 8a d4 05         //     commit_ts
                    22 13 74 80 00 00 00 00 00 00 2d 5f 72 80 00 00 00 00 00 00 01  // prewrite_key
                    38 00                                 //     ddl_job_id
                    40 00                                 //     ddl_schema_state }
                                                          //   3 checksum: empty, omitted
                  22 14                                   //   4 meta, 20 bytes: Meta {
                    08 81 80 d0 f7 cb fa 8a d4 05         //     1 startTs
                    10 81 80 e0 fd cb fa 8a d4 05         //     2 commitTs } }
                """);
        PullBinlogResp resp = PullBinlogResp.parseFrom(wire);
        Entity e = resp.getEntity();
        assertTrue(e.hasPos());
        assertEquals(0, e.getPos().getOffset());
        assertEquals(ByteString.EMPTY, e.getChecksum());
        assertEquals(BinlogWireVectorsTest.START_TS, e.getMeta().getStartTs());
        assertEquals(BinlogWireVectorsTest.COMMIT_TS, e.getMeta().getCommitTs());
        assertEquals(ByteString.copyFrom(WireBytes.of(BinlogWireVectorsTest.COMMIT)), e.getPayload());
        assertEquals(BinlogType.Commit, Binlog.parseFrom(e.getPayload()).getTp());
        assertReencodes(wire, resp);
    }

    @Test
    void entityFieldsOutOfOrderAndWithoutPosOrMetaAreAccepted() throws Exception {
        byte[] wire = WireBytes.of("""
                1a 02 ab cd                               // 3 checksum, 2 bytes
                12 01 00                                  // 2 payload, 1 byte
                """);
        Entity e = Entity.parseFrom(wire);
        assertFalse(e.hasPos());
        assertFalse(e.hasMeta());
        assertEquals(ByteString.copyFrom(new byte[] {(byte) 0xab, (byte) 0xcd}), e.getChecksum());
        assertEquals(1, e.getPayload().size());
    }

    @Test
    void notifyRequestAndResponseAreEmpty() throws Exception {
        assertEquals(NotifyReq.getDefaultInstance(), NotifyReq.parseFrom(new byte[0]));
        assertEquals(0, NotifyReq.getDefaultInstance().toByteArray().length);
        assertEquals(NotifyResp.getDefaultInstance(), NotifyResp.parseFrom(new byte[0]));
        assertEquals(0, NotifyResp.getDefaultInstance().getSerializedSize());
    }

    @Test
    void dumpBinlogResponse() throws Exception {
        byte[] wire = WireBytes.of("""
                08 81 80 e0 fd cb fa 8a d4 05             // 1 commitTS
                12 02 08 01                               // 2 payload
                1a 02 "{}"                                // 3 ddljob (JSON)
                """);
        DumpBinlogResp r = DumpBinlogResp.parseFrom(wire);
        assertEquals(BinlogWireVectorsTest.COMMIT_TS, r.getCommitTS());
        assertEquals("{}", r.getDdljob().toStringUtf8());
        assertReencodes(wire, r);
    }
}
