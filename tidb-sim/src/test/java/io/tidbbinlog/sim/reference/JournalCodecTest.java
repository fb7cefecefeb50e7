package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.RowChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tidbbinlog.sim.reference.ReferenceFixtures.ALL_TYPES;
import static io.tidbbinlog.sim.reference.ReferenceFixtures.NO_PK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalCodecTest {
    @Test
    void aChunkGivesBackEveryChangeWithItsTableAndModelValues() {
        Object[] absent = ReferenceFixtures.ordinary(4);
        absent[ALL_TYPES.indexOf("s")] = RowChange.ABSENT;
        List<RowChange> changes = List.of(
                RowChange.insert(ALL_TYPES, ReferenceFixtures.extremes(1)),
                RowChange.insert(NO_PK, new Object[]{null, "x"}),
                RowChange.update(ALL_TYPES, ReferenceFixtures.ordinary(2), ReferenceFixtures.nulls(2)),
                RowChange.delete(ALL_TYPES, absent));
        JournalCodec.ChunkWriter w = new JournalCodec.ChunkWriter();
        changes.forEach(w::add);
        List<RowChange> back = JournalCodec.decode(w.finish());
        assertEquals(changes, back);
        assertEquals(ALL_TYPES, back.get(0).table());
        assertSame(back.get(0).table(), back.get(2).table(), "one table shape per chunk");
        assertSame(RowChange.ABSENT, back.get(3).before()[ALL_TYPES.indexOf("s")]);
    }

    @Test
    void aChunkOfAnotherFormatIsRefused() {
        byte[] chunk = new JournalCodec.ChunkWriter().finish();
        chunk[3] = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JournalCodec.decode(chunk));
        assertEquals("journal chunk has format version 9, expected 1", e.getMessage());
    }
}
