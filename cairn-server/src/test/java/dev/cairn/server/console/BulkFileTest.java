package dev.cairn.server.console;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BulkFileTest {
    private final ObjectMapper json = JsonMapper.builder().build();
    private final SignalForms forms = new SignalForms(json);

    private BulkFile.Parsed parse(String name, String content) {
        return BulkFile.parse(name, content.getBytes(StandardCharsets.UTF_8), forms, json, 100);
    }

    @Test
    void readsQuotedCsvCellsAndCategoryLists() {
        var p = parse("x.csv", "\uFEFFtype,value,categories,confidence,description,platform,valid_until\r\n"
                + "EMAIL,a@example.com,\"GROOMING;sextortion\",80,\"says \"\"hi\"\", twice\nand more\",,2027-01-31\r\n"
                + "\r\n"
                + "USERNAME,demo_x,GROOMING|TRAFFICKING,40,,example-chat,\n");
        assertThat(p.problem()).isNull();
        assertThat(p.rows()).hasSize(2);
        var first = p.rows().getFirst();
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.item().get("categories").toString()).isEqualTo("[\"GROOMING\",\"SEXTORTION\"]");
        assertThat(first.item().get("description").asString()).isEqualTo("says \"hi\", twice\nand more");
        assertThat(first.item().get("confidence").asInt()).isEqualTo(80);
        assertThat(first.item().get("valid_until").asString()).isEqualTo("2027-01-31T23:59:59Z");
        assertThat(p.rows().get(1).line()).isEqualTo(5);
        assertThat(p.rows().get(1).item().get("platform").asString()).isEqualTo("example-chat");
    }

    @Test
    void readsVisibilityAndTheGroupUnderEitherName() {
        var csv = parse("x.csv", "type,value,categories,confidence,visibility,sharing_group_id\n"
                + "EMAIL,a@example.com,GROOMING,80,GROUP,0196f0c2-0000-7000-8000-000000000001\n"
                + "EMAIL,b@example.com,GROOMING,80,private,\n");
        assertThat(csv.problem()).isNull();
        assertThat(csv.rows().getFirst().item().get("visibility").asString()).isEqualTo("GROUP");
        assertThat(csv.rows().getFirst().item().get("sharing_group").asString())
                .isEqualTo("0196f0c2-0000-7000-8000-000000000001");
        assertThat(csv.rows().get(1).item().has("sharing_group")).isFalse();
        var nd = parse("x.ndjson", "{\"type\":\"EMAIL\",\"visibility\":\"GROUP\",\"sharing_group_id\":\"g\"}\n");
        assertThat(nd.rows().getFirst().item().get("sharing_group").asString()).isEqualTo("g");
        assertThat(nd.rows().getFirst().item().has("sharing_group_id")).isFalse();
    }

    @Test
    void reportsFileAndRowShapeProblems() {
        assertThat(parse("x.csv", "type,value,colour\n").problem()).contains("Unknown column 'colour'");
        assertThat(parse("x.csv", "type,value\n").problem()).contains("lacks the column");
        assertThat(parse("x.csv", "type,value,categories,confidence\n").problem()).contains("no rows");
        assertThat(parse("x.csv", "type,value,categories,confidence\nEMAIL,\"open,GROOMING,1\n").problem())
                .contains("never closed");
        var short_ = parse("x.csv", "type,value,categories,confidence\nEMAIL,a@example.com\n");
        assertThat(short_.rows().getFirst().problem()).contains("2 cells");
        var nd = parse("x.ndjson", "{\"type\":\"EMAIL\"}\n\nnot json\n[1]\n");
        assertThat(nd.rows()).hasSize(3);
        assertThat(nd.rows().get(1).line()).isEqualTo(3);
        assertThat(nd.rows().get(1).problem()).contains("not valid JSON");
        assertThat(nd.rows().get(2).problem()).contains("not a JSON object");
        StringBuilder many = new StringBuilder("type,value,categories,confidence\n");
        for (int i = 0; i < 101; i++) {
            many.append("EMAIL,a").append(i).append("@example.com,GROOMING,1\n");
        }
        assertThat(parse("x.csv", many.toString()).problem()).contains("at most 100");
    }
}
