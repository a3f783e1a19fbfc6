package io.touchpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpulse.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(byte[] input, int threads) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SentimentCommand.score(new ByteArrayInputStream(input), out, threads, TextAnalyzer.standard());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void oneObjectPerLineInOrderWithEmptyCrlfAndInvalidUtf8Lines() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write("I love this, great service!\r\n".getBytes(StandardCharsets.UTF_8));
        in.write("\n".getBytes(StandardCharsets.UTF_8));
        in.write(new byte[] {(byte) 0xC3, (byte) 0x28, ' ', 'b', 'a', 'd', '\n'}); // invalid UTF-8, then "bad"
        in.write("This is terrible, I was charged twice\n".getBytes(StandardCharsets.UTF_8));
        in.write("x".repeat(200_000).getBytes(StandardCharsets.UTF_8)); // very long last line, no newline
        List<JsonNode> rows = run(in.toByteArray(), 2);
        assertThat(rows).hasSize(5);
        assertThat(rows).extracting(r -> r.get("label").asText()).containsExactly("positive", "neutral", "negative", "negative", "neutral");
        assertThat(rows.get(1).get("compound").asDouble()).isZero();
        assertThat(rows.get(3).get("intents")).extracting(JsonNode::asText).contains("complaint");
        assertThat(rows.get(3).get("aspects").has("price")).isTrue();
        assertThat(rows).allSatisfy(r -> assertThat(r.get("compound").asDouble()).isBetween(-1.0, 1.0));
    }

    @Test
    void manyThreadsKeepInputOrder() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            sb.append(i % 2 == 0 ? "great, thanks " : "awful, never again ").append(i).append('\n');
        }
        List<JsonNode> rows = run(sb.toString().getBytes(StandardCharsets.UTF_8), 4);
        assertThat(rows).hasSize(5_000);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("label").asText()).isEqualTo(i % 2 == 0 ? "positive" : "negative");
        }
    }
}
