package io.tidbbinlog.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.TableMutation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MutationSequenceTest {

    private static final class Recorder implements SequenceVisitor {
        final List<String> calls = new ArrayList<>();

        @Override
        public void insert(int index, byte[] row) {
            calls.add("I" + index + ":" + Hex.of(row));
        }

        @Override
        public void update(int index, byte[] row) {
            calls.add("U" + index + ":" + Hex.of(row));
        }

        @Override
        public void delete(int index, byte[] row) {
            calls.add("D" + index + ":" + Hex.of(row));
        }
    }

    private static ByteString b(String hex) {
        return ByteString.copyFrom(Hex.bytes(hex));
    }

    @Test
    void walksTheSequenceWithThreeIndependentCursors() {
        TableMutation m = TableMutation.newBuilder().setTableId(45)
                .addInsertedRows(b("a0")).addInsertedRows(b("a1"))
                .addUpdatedRows(b("b0"))
                .addDeletedRows(b("c0")).addDeletedRows(b("c1"))
                .addSequence(MutationType.DeleteRow).addSequence(MutationType.Insert)
                .addSequence(MutationType.Update).addSequence(MutationType.Insert)
                .addSequence(MutationType.DeleteRow)
                .build();
        Recorder r = new Recorder();
        MutationSequence.walk(m, r);
        assertEquals(List.of("D0:c0", "I0:a0", "U0:b0", "I1:a1", "D1:c1"), r.calls);
    }

    @Test
    void cursorPastItsListNamesTableAndIndex() {
        TableMutation m = TableMutation.newBuilder().setTableId(45).addInsertedRows(b("a0"))
                .addSequence(MutationType.Insert).addSequence(MutationType.Insert).build();
        CodecException e = assertThrows(CodecException.class, () -> MutationSequence.walk(m, new Recorder()));
        assertEquals("table #45 sequence[1]: Insert but inserted_rows has only 1 entries", e.getMessage());
    }

    @Test
    void obsoleteMutationTypesAreErrors() {
        TableMutation m = TableMutation.newBuilder().setTableId(7).addDeletedIds(3)
                .addSequence(MutationType.DeleteID).build();
        CodecException e = assertThrows(CodecException.class, () -> MutationSequence.walk(m, new Recorder()));
        assertEquals("table #7 sequence[0]: unsupported mutation type DeleteID", e.getMessage());
    }

    @Test
    void unknownMutationTypeNumbersAreErrors() throws Exception {
        // sequence = 9, which proto2 parks among the unknown fields
        byte[] wire = TableMutation.newBuilder().setTableId(8).build().toByteArray();
        byte[] withUnknown = new byte[wire.length + 2];
        System.arraycopy(wire, 0, withUnknown, 0, wire.length);
        withUnknown[wire.length] = 7 << 3;
        withUnknown[wire.length + 1] = 9;
        TableMutation m = TableMutation.parseFrom(withUnknown);
        assertEquals(0, m.getSequenceCount());
        assertEquals(UnknownFieldSet.Field.newBuilder().addVarint(9).build(), m.getUnknownFields().getField(7));
        assertThrows(CodecException.class, () -> MutationSequence.walk(m, new Recorder()));
    }

    @Test
    void decodeErrorsFromTheVisitorGainTableAndRowContext() {
        TableMutation m = TableMutation.newBuilder().setTableId(45)
                .addInsertedRows(b("0802" + "0802080a")).addInsertedRows(b("0802" + "08040206"))
                .addSequence(MutationType.Insert).addSequence(MutationType.Insert).build();
        CodecException e = assertThrows(CodecException.class, () -> MutationSequence.walk(m, new SequenceVisitor() {
            @Override
            public void insert(int index, byte[] row) {
                MutationRowCodec.decodeInsert(row, 1);
            }

            @Override
            public void update(int index, byte[] row) {
            }

            @Override
            public void delete(int index, byte[] row) {
            }
        }));
        assertEquals("table #45 inserted_rows[1] (sequence[1]) column #2: truncated bytes (length 3, 0 remaining)"
                + " at byte 6 of 6", e.getMessage());
    }
}
