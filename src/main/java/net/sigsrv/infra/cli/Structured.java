package net.sigsrv.infra.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * {@code --output json|yaml} for list commands: the records as the API names their fields (snake_case), so the
 * output reads like the daemon's own JSON. YAML is rendered from the same tree, so both carry the same data.
 */
final class Structured {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Structured() {
    }

    static void print(PrintWriter out, OutputFormat format, Object value) {
        Object tree = MAPPER.convertValue(value, Object.class);
        if (format == OutputFormat.YAML) {
            out.print(new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                    .dumpToString(tree));
        } else {
            try {
                out.println(MAPPER.writeValueAsString(tree));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON", e);
            }
        }
    }
}
