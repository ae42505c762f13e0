package dev.cairn.server.console;

import dev.cairn.core.signal.SignalType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueMaskTest {

    @Test
    void masksIdentifiersButNotFileHashes() {
        assertThat(ValueMask.mask(SignalType.EMAIL, false, "jane.roe@example.com")).isEqualTo("j•••@e•••.com");
        assertThat(ValueMask.mask(SignalType.DOMAIN, false, "share3.example.org")).isEqualTo("s•••.org");
        assertThat(ValueMask.mask(SignalType.URL, false, "https://files.example.net/a/b.html")).isEqualTo("https://f•••.net/•••");
        assertThat(ValueMask.mask(SignalType.PHONE, false, "+1 202-555-0142")).isEqualTo("•••42");
        assertThat(ValueMask.mask(SignalType.IP, false, "192.0.2.7")).isEqualTo("192.•••");
        assertThat(ValueMask.mask(SignalType.IP, false, "2001:db8::1")).isEqualTo("2001:•••");
        assertThat(ValueMask.mask(SignalType.USERNAME, false, "demo_trader_7")).isEqualTo("d•••");
        assertThat(ValueMask.mask(SignalType.KEYWORD, false, "demo keyword")).isEqualTo("d•••");
        assertThat(ValueMask.mask(SignalType.CRYPTO_ADDRESS, false, "0x52908400098527886E0F7030069857D2E4169EE7"))
                .isEqualTo("0x52•••EE7");
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        assertThat(ValueMask.mask(SignalType.MD5, false, md5)).isEqualTo(md5);
        assertThat(ValueMask.masked(SignalType.EMAIL, true)).isFalse();
        assertThat(ValueMask.mask(SignalType.EMAIL, false, "@")).doesNotContain("null");
    }
}
