package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;
import org.junit.jupiter.api.Test;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpNormalizerTest {

    @Test
    void canonicalText() {
        assertThat(key(IP, "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(key(IP, "192[.]0[.]2[.]1")).isEqualTo("192.0.2.1");
        assertThat(key(IP, "2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(key(IP, "[2001:db8::1]")).isEqualTo("2001:db8::1");
        assertThat(key(IP, "2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1"); // leftmost longest run
        assertThat(key(IP, "2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1"); // a single 0 stays
        assertThat(key(IP, "::")).isEqualTo("::");
        assertThat(key(IP, "::1")).isEqualTo("::1");
        assertThat(key(IP, "::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(key(IP, "::FFFF:c000:0201")).isEqualTo("192.0.2.1");
        assertThat(key(IP, "64:ff9b::192.0.2.1")).isEqualTo("64:ff9b::c000:201");
    }

    @Test
    void cidr() {
        assertThat(key(IP, "10.0.0.0/8")).isEqualTo("10.0.0.0/8");
        assertThat(key(IP, "192.0.2.1/32")).isEqualTo("192.0.2.1");
        assertThat(key(IP, "0.0.0.0/0")).isEqualTo("0.0.0.0/0");
        assertThat(key(IP, "2001:DB8::/32")).isEqualTo("2001:db8::/32");
        assertThat(key(IP, "2001:db8::1/128")).isEqualTo("2001:db8::1");
        assertThat(key(IP, "::ffff:10.0.0.0/104")).isEqualTo("10.0.0.0/8");
    }

    @Test
    void rejectsInvalid() {
        rejects(IP, "10.0.0.1/8").hasMessageContaining("host bits");
        rejects(IP, "2001:db8::1/32").hasMessageContaining("host bits");
        rejects(IP, "10.0.0.0/33").hasMessageContaining("exceeds");
        rejects(IP, "10.0.0.0/").hasMessageContaining("prefix length");
        rejects(IP, "256.0.0.1").hasMessageContaining("IPv4");
        rejects(IP, "010.0.0.1").hasMessageContaining("IPv4");
        rejects(IP, "1.2.3").hasMessageContaining("IPv4");
        rejects(IP, "0x7f.0.0.1").hasMessageContaining("IPv4");
        rejects(IP, "2001:db8:::1").hasMessageContaining("IPv6");
        rejects(IP, "1:2:3:4:5:6:7:8:9").hasMessageContaining("IPv6");
        rejects(IP, "fe80::1%eth0").hasMessageContaining("IPv6");
        rejects(IP, "evil.example");
    }

    @Test
    void rangeContainment() {
        IpRange r8 = IpRange.parse("10.0.0.0/8");
        assertThat(r8.contains(IpAddress.parse("10.255.1.2"))).isTrue();
        assertThat(r8.contains(IpAddress.parse("11.0.0.0"))).isFalse();
        assertThat(r8.contains(IpAddress.parse("::ffff:10.1.2.3"))).isTrue();
        assertThat(r8.contains(IpAddress.parse("::a01:203"))).isFalse(); // IPv4-compatible is not mapped
        assertThat(r8.first()).hasToString("10.0.0.0");
        assertThat(r8.last()).hasToString("10.255.255.255");

        IpRange v6 = IpRange.parse("2001:db8::/32");
        assertThat(v6.contains(IpAddress.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("2001:db9::"))).isFalse();
        assertThat(v6.contains(IpAddress.parse("10.0.0.1"))).isFalse();
        assertThat(v6.last()).hasToString("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");

        IpRange v6in = IpRange.parse("2001:db8:0:0:8000::/65");
        assertThat(v6in.contains(IpAddress.parse("2001:db8::8000:0:0:1"))).isTrue();
        assertThat(v6in.contains(IpAddress.parse("2001:db8::7fff:0:0:1"))).isFalse();

        IpRange all = IpRange.parse("0.0.0.0/0");
        assertThat(all.contains(IpAddress.parse("255.255.255.255"))).isTrue();
        assertThat(IpRange.parse("::/0").contains(IpAddress.parse("ffff::"))).isTrue();

        IpRange single = IpRange.parse("192.0.2.1");
        assertThat(single.isSingleAddress()).isTrue();
        assertThat(single.contains(IpAddress.parse("192.0.2.1"))).isTrue();
        assertThat(single.contains(IpAddress.parse("192.0.2.2"))).isFalse();
        assertThat(r8.contains(IpRange.parse("10.1.0.0/16"))).isTrue();
        assertThat(IpRange.parse("10.1.0.0/16").contains(r8)).isFalse();
    }

    @Test
    void addressOrder() {
        assertThat(IpAddress.parse("10.0.0.1")).isLessThan(IpAddress.parse("192.0.2.1"));
        assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::1"));
        assertThat(IpAddress.parse("8000::")).isGreaterThan(IpAddress.parse("7fff::"));
        assertThatThrownBy(() -> IpAddress.parse("x")).isInstanceOf(InvalidValueException.class);
    }
}
