package io.tidbbinlog.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.MethodDescriptor.MethodType;
import io.tidbbinlog.proto.binlog.BinlogProto;
import io.tidbbinlog.proto.cistern.CisternGrpc;
import io.tidbbinlog.proto.cistern.CisternProto;
import io.tidbbinlog.proto.pbbinlog.PbBinlogProto;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.PdProto;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.PumpProto;
import io.tidbbinlog.proto.secondary.SecondaryBinlogProto;
import org.junit.jupiter.api.Test;

/**
 * The names that travel on the wire or that other implementations look up: gRPC paths (spec sections 1.1 and 13)
 * and message full names (the proto package decides them).
 */
class ProtoNamesTest {
    @Test
    void grpcPathsAndKinds() {
        assertEquals("/binlog.Pump/WriteBinlog", "/" + PumpGrpc.getWriteBinlogMethod().getFullMethodName());
        assertEquals(MethodType.UNARY, PumpGrpc.getWriteBinlogMethod().getType());
        assertEquals("/binlog.Pump/PullBinlogs", "/" + PumpGrpc.getPullBinlogsMethod().getFullMethodName());
        assertEquals(MethodType.SERVER_STREAMING, PumpGrpc.getPullBinlogsMethod().getType());
        assertEquals("/binlog.Cistern/Notify", "/" + CisternGrpc.getNotifyMethod().getFullMethodName());
        assertEquals(MethodType.UNARY, CisternGrpc.getNotifyMethod().getType());
        assertEquals("/binlog.Cistern/DumpBinlog", "/" + CisternGrpc.getDumpBinlogMethod().getFullMethodName());
        assertEquals("/binlog.Cistern/DumpDDLJobs", "/" + CisternGrpc.getDumpDDLJobsMethod().getFullMethodName());
        assertEquals("/pdpb.PD/GetMembers", "/" + PDGrpc.getGetMembersMethod().getFullMethodName());
        assertEquals(MethodType.UNARY, PDGrpc.getGetMembersMethod().getType());
        assertEquals("/pdpb.PD/Tso", "/" + PDGrpc.getTsoMethod().getFullMethodName());
        assertEquals(MethodType.BIDI_STREAMING, PDGrpc.getTsoMethod().getType());
    }

    @Test
    void protoPackages() {
        assertEquals("binlog", BinlogProto.getDescriptor().getPackage());
        assertEquals("binlog", PumpProto.getDescriptor().getPackage());
        assertEquals("binlog", CisternProto.getDescriptor().getPackage());
        assertEquals("pdpb", PdProto.getDescriptor().getPackage());
        assertEquals("slave.binlog", SecondaryBinlogProto.getDescriptor().getPackage());
        assertEquals("pb_binlog", PbBinlogProto.getDescriptor().getPackage());
    }

    @Test
    void messageFullNames() {
        assertEquals("binlog.Binlog", io.tidbbinlog.proto.binlog.Binlog.getDescriptor().getFullName());
        assertEquals("binlog.TableMutation", io.tidbbinlog.proto.binlog.TableMutation.getDescriptor().getFullName());
        assertEquals("binlog.Entity", io.tidbbinlog.proto.pump.Entity.getDescriptor().getFullName());
        assertEquals("slave.binlog.Binlog", io.tidbbinlog.proto.secondary.Binlog.getDescriptor().getFullName());
        assertEquals("pb_binlog.Binlog", io.tidbbinlog.proto.pbbinlog.Binlog.getDescriptor().getFullName());
        assertEquals("pb_binlog.column", io.tidbbinlog.proto.pbbinlog.column.getDescriptor().getFullName());
        assertEquals("pdpb.TsoResponse", io.tidbbinlog.proto.pdpb.TsoResponse.getDescriptor().getFullName());
    }

    @Test
    void proto2SemanticsThatGoCompatibilityRestsOn() {
        // proto2 keeps explicit zeros (field presence) and writes repeated scalars unpacked, as gogo does; a file
        // drifting to proto3 would silently change both
        assertTrue(io.tidbbinlog.proto.binlog.Binlog.getDescriptor().findFieldByName("tp").hasPresence());
        assertTrue(io.tidbbinlog.proto.binlog.Binlog.getDescriptor().findFieldByName("ddl_job_id").hasPresence());
        assertFalse(io.tidbbinlog.proto.binlog.TableMutation.getDescriptor().findFieldByName("sequence").isPacked());
        assertFalse(io.tidbbinlog.proto.binlog.TableMutation.getDescriptor().findFieldByName("deleted_ids").isPacked());
        assertTrue(io.tidbbinlog.proto.secondary.ColumnInfo.getDescriptor().findFieldByName("flen").hasPresence());
        assertTrue(io.tidbbinlog.proto.secondary.TableMutation.getDescriptor().findFieldByName("type").isRequired());
        assertTrue(io.tidbbinlog.proto.secondary.TableMutation.getDescriptor().findFieldByName("row").isRequired());
        assertTrue(io.tidbbinlog.proto.pbbinlog.Event.getDescriptor().findFieldByName("tp").hasPresence());
        // proto3 scalars in pump.proto have no presence: zero is not written
        assertFalse(io.tidbbinlog.proto.pump.WriteBinlogReq.getDescriptor().findFieldByName("clusterID").hasPresence());
    }
}
