package net.sigsrv.infra.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;

/** JSON output for {@code --output json}: stable field names, pretty-printed, one document on stdout. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<Map<String, Object>> diagnostics(Diagnostics diags) {
        return diags.shown().items().stream().map(Json::diagnostic).toList();
    }

    private static Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", d.severity().label());
        m.put("rule", d.rule());
        m.put("summary", d.summary());
        m.put("detail", d.detail());
        m.put("subject", d.subject());
        m.put("file", d.pos().file());
        m.put("line", d.pos().line());
        m.put("column", d.pos().column());
        return m;
    }
}
