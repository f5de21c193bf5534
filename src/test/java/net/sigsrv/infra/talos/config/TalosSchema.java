package net.sigsrv.infra.talos.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Talos's published machine-config JSON schema for v1.10 (src/test/resources/talos/schema, see its README), held
 * by a JSON-schema validator that is not ours: what it refuses, Talos refuses.
 */
final class TalosSchema {

    private static final Schema SCHEMA = load();

    private TalosSchema() {
    }

    /** The schema's complaints about one YAML document, each "PATH: MESSAGE"; empty when Talos's schema takes it. */
    static List<String> errors(String yaml) {
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static Schema load() {
        try (InputStream in = TalosSchema.class.getResourceAsStream("/talos/schema/config.schema.v1.10.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in,
                    InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
