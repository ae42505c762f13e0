package dev.cairn.core.match;

import dev.cairn.core.signal.SignalType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyIndexTest {
    record Entry(String id) {
    }

    private static List<String> ids(KeyIndex<Entry> index, SignalType type, boolean blinded, String key) {
        List<String> out = new ArrayList<>();
        index.forEach(type, blinded, key, e -> out.add(e.id()));
        return out;
    }

    @Test
    void storesSeveralEntriesPerKeyAndRemovesThemOneByOne() {
        KeyIndex<Entry> index = new KeyIndex<>(Entry.class);
        index.add(SignalType.EMAIL, false, "a@example.com", new Entry("1"));
        index.add(SignalType.EMAIL, false, "a@example.com", new Entry("2"));
        index.add(SignalType.EMAIL, false, "a@example.com", new Entry("3"));
        assertThat(ids(index, SignalType.EMAIL, false, "a@example.com")).containsExactly("1", "2", "3");

        index.remove(SignalType.EMAIL, false, "a@example.com", new Entry("2"));
        assertThat(ids(index, SignalType.EMAIL, false, "a@example.com")).containsExactly("1", "3");
        index.remove(SignalType.EMAIL, false, "a@example.com", new Entry("1"));
        assertThat(ids(index, SignalType.EMAIL, false, "a@example.com")).containsExactly("3");
        index.remove(SignalType.EMAIL, false, "a@example.com", new Entry("3"));
        assertThat(index.contains(SignalType.EMAIL, false, "a@example.com")).isFalse();
        assertThat(index.keyCount()).isZero();
    }

    @Test
    void keepsTypesAndBlindingApart() {
        KeyIndex<Entry> index = new KeyIndex<>(Entry.class);
        String hex = "ab".repeat(32);
        index.add(SignalType.USERNAME, true, hex, new Entry("blinded"));
        index.add(SignalType.USERNAME, false, hex, new Entry("plain"));
        index.add(SignalType.SHA256, false, hex, new Entry("hash"));
        assertThat(ids(index, SignalType.USERNAME, true, hex)).containsExactly("blinded");
        assertThat(ids(index, SignalType.USERNAME, false, hex)).containsExactly("plain");
        assertThat(ids(index, SignalType.SHA256, false, hex)).containsExactly("hash");
        assertThat(ids(index, SignalType.MD5, false, hex)).isEmpty();
    }

    @Test
    void addingTheSameEntryTwiceReplacesIt() {
        KeyIndex<Entry> index = new KeyIndex<>(Entry.class);
        index.add(SignalType.DOMAIN, false, "evil.example", new Entry("1"));
        index.add(SignalType.DOMAIN, false, "evil.example", new Entry("1"));
        assertThat(ids(index, SignalType.DOMAIN, false, "evil.example")).containsExactly("1");
        index.remove(SignalType.DOMAIN, false, "evil.example", new Entry("9"));
        assertThat(ids(index, SignalType.DOMAIN, false, "evil.example")).containsExactly("1");
    }
}
