package io.tidbbinlog.codec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowCodecTest {

    // Built byte by byte from EncodeOldRow's layout (spec §3.3): column 1 = int 5, column 2 = "ab", column 3 = NULL.
    // 08 02 | 08 0a        colID varint(1)=02, value varint(5)=0a
    // 08 04 | 02 04 61 62  colID varint(2)=04, compact bytes len varint(2)=04 "ab"
    // 08 06 | 00           colID varint(3)=06, NULL
    private static final String ROW = "0802080a" + "080402046162" + "080600";

    @Test
    void decodesAnOldFormatRowBuiltByHand() {
        List<String> seen = new ArrayList<>();
        byte[] row = Hex.bytes(ROW);
        OldRowCodec.decode(row, 0, row.length, (id, v) -> seen.add(id + "=" + v));
        assertEquals(List.of("1=INT64(5)", "2=BYTES(6162)", "3=NULL"), seen);
        assertEquals(ROW, Hex.of(OldRowCodec.encode(new long[] {1, 2, 3},
                new Datum[] {Datum.ofInt(5), Datum.ofString("ab"), Datum.ofNull()})));
    }

    @Test
    void rowWithoutColumnsIsASingleZeroByte() {
        assertEquals("00", Hex.of(OldRowCodec.encode(new long[0], new Datum[0])));
        List<Long> seen = new ArrayList<>();
        OldRowCodec.decode(new byte[] {0}, 0, 1, (id, v) -> seen.add(id));
        assertTrue(seen.isEmpty());
        assertEquals(0, MutationRowCodec.decodeDelete(new byte[] {0}).size());
    }

    @Test
    void insertRowIsIntHandleThenRow() {
        byte[] row = Hex.bytes("080e" + ROW); // handle varint(7)
        InsertRow r = MutationRowCodec.decodeInsert(row, 1);
        assertEquals(Datum.ofInt(7), r.handle(0));
        assertEquals(3, r.columns().size());
        assertEquals(Datum.ofString("ab"), r.columns().get(2));
        assertEquals(Datum.ofNull(), r.columns().get(3));
        assertNull(r.columns().get(4));
        assertArrayEquals(row, MutationRowCodec.encodeInsert(new Datum[] {Datum.ofInt(7)}, new long[] {1, 2, 3},
                new Datum[] {Datum.ofInt(5), Datum.ofString("ab"), Datum.ofNull()}));
    }

    @Test
    void insertRowWithCommonHandleHasOneDatumPerPkColumn() {
        byte[] row = Hex.bytes("02046b31" + "0806" + "00"); // ("k1", 3), then no columns
        InsertRow r = MutationRowCodec.decodeInsert(row, 2);
        assertEquals(Datum.ofString("k1"), r.handle(0));
        assertEquals(Datum.ofInt(3), r.handle(1));
        assertEquals(0, r.columns().size());
        CodecException e = assertThrows(CodecException.class, () -> MutationRowCodec.decodeInsert(row, 4));
        assertTrue(e.getMessage().contains("handle"), e.getMessage());
    }

    // Update: old row then new row; column -1 (_tidb_rowid, varint zig-zag 01) carries the handle in both halves.
    @Test
    void updateRowSplitsOldAndNewByFirstAndSecondSighting() {
        String old = "0802080a" + "080402046162" + "0801080e";
        String neu = "0802080c" + "080402046162" + "0801080e";
        byte[] row = Hex.bytes(old + neu);
        UpdateRow u = MutationRowCodec.decodeUpdate(row);
        assertEquals(Datum.ofInt(5), u.oldRow().get(1));
        assertEquals(Datum.ofInt(6), u.newRow().get(1));
        assertEquals(Datum.ofInt(7), u.oldRow().get(MutationRowCodec.TIDB_ROWID_COLUMN_ID));
        assertEquals(Datum.ofInt(7), u.newRow().get(MutationRowCodec.TIDB_ROWID_COLUMN_ID));
        assertEquals(3, u.oldRow().size());
        assertArrayEquals(row, MutationRowCodec.encodeUpdate(new long[] {1, 2, -1},
                new Datum[] {Datum.ofInt(5), Datum.ofString("ab"), Datum.ofInt(7)},
                new Datum[] {Datum.ofInt(6), Datum.ofString("ab"), Datum.ofInt(7)}));
    }

    @Test
    void updateRowRejectsAThirdSighting() {
        byte[] row = Hex.bytes("0802080a" + "0802080c" + "0802080e");
        CodecException e = assertThrows(CodecException.class, () -> MutationRowCodec.decodeUpdate(row));
        assertTrue(e.getMessage().contains("more than twice"), e.getMessage());
    }

    @Test
    void deleteRowIsOneOldFormatRow() {
        DecodedRow r = MutationRowCodec.decodeDelete(Hex.bytes(ROW));
        assertEquals(3, r.size());
        assertEquals(1, r.columnId(0));
        assertEquals(Datum.ofInt(5), r.value(0));
    }

    @Test
    void errorsNameTheColumnAndOffset() {
        // column 2's compact bytes claim 5 bytes but only 2 follow
        byte[] row = Hex.bytes("0802080a" + "0804020a6162");
        CodecException e = assertThrows(CodecException.class, () -> MutationRowCodec.decodeDelete(row));
        assertEquals("column #2: truncated bytes (length 5, 2 remaining) at byte 8 of 10", e.getMessage());
        CodecException withTable = e.withContext("test.t1 (#45)", "c2");
        assertEquals("table test.t1 (#45) column #2: truncated bytes (length 5, 2 remaining) at byte 8 of 10",
                withTable.getMessage());
        // a column id must be an integer datum
        CodecException id = assertThrows(CodecException.class, () -> MutationRowCodec.decodeDelete(Hex.bytes("0206616263")));
        assertEquals("expected a column id, found datum flag 2 at byte 0 of 5", id.getMessage());
    }

    @Test
    void wideRowsLookUpEveryColumn() {
        int n = 200;
        long[] ids = new long[n];
        Datum[] vals = new Datum[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 - 3L * i;
            vals[i] = Datum.ofInt(i);
        }
        DecodedRow r = MutationRowCodec.decodeDelete(MutationRowCodec.encodeDelete(ids, vals));
        for (int i = 0; i < n; i++) {
            assertEquals(Datum.ofInt(i), r.get(ids[i]));
        }
        assertNull(r.get(1001));
        UpdateRow u = MutationRowCodec.decodeUpdate(MutationRowCodec.encodeUpdate(ids, vals, vals));
        assertEquals(n, u.oldRow().size());
        assertEquals(n, u.newRow().size());
    }

    @Test
    void randomRowsRoundTripThroughAllThreeLayouts() {
        Random rnd = new Random(11);
        for (int iter = 0; iter < 2000; iter++) {
            int n = rnd.nextInt(14);
            long[] ids = new long[n];
            Datum[] oldV = new Datum[n];
            Datum[] newV = new Datum[n];
            long next = 1;
            for (int i = 0; i < n; i++) {
                ids[i] = i == 0 && rnd.nextBoolean() ? -1 : next;
                next += 1 + rnd.nextInt(5);
                oldV[i] = RandomDatums.any(rnd);
                newV[i] = RandomDatums.any(rnd);
            }
            Datum[] handle = rnd.nextBoolean() ? new Datum[] {Datum.ofInt(rnd.nextLong())}
                    : new Datum[] {RandomDatums.any(rnd), RandomDatums.any(rnd)};
            InsertRow ins = MutationRowCodec.decodeInsert(MutationRowCodec.encodeInsert(handle, ids, newV), handle.length);
            UpdateRow upd = n == 0 ? null : MutationRowCodec.decodeUpdate(MutationRowCodec.encodeUpdate(ids, oldV, newV));
            DecodedRow del = MutationRowCodec.decodeDelete(MutationRowCodec.encodeDelete(ids, oldV));
            for (int h = 0; h < handle.length; h++) {
                assertEquals(handle[h], ins.handle(h));
            }
            assertEquals(n, ins.columns().size());
            assertEquals(n, del.size());
            for (int i = 0; i < n; i++) {
                assertEquals(newV[i], ins.columns().get(ids[i]));
                assertEquals(oldV[i], del.get(ids[i]));
                assertEquals(oldV[i], upd.oldRow().get(ids[i]));
                assertEquals(newV[i], upd.newRow().get(ids[i]));
            }
        }
    }
}
