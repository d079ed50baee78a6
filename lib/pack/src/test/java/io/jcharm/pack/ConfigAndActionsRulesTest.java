package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Juju's config.yaml and actions.yaml rules, each with a failing example and Juju's message. */
class ConfigAndActionsRulesTest {

    private static void fails(String extra, String... expected) {
        assertEquals(List.of(expected), Projects.messages(extra));
    }

    private static String option(String type, String def) {
        return "config:\n  options:\n    t:\n      type: " + type + "\n      default: " + def + "\n";
    }

    @Test
    void emptyConfiguration() {
        fails("config:\n  option:\n    x: {type: int}\n", "invalid config: empty configuration");
        fails("config:\n  options:\n");
    }

    @Test
    void unknownType() {
        fails(option("foo", "1"), "invalid config: option \"t\" has unknown type \"foo\"");
    }

    @Test
    void defaultsAreCoercedAsJujuDoes() {
        fails(option("boolean", "henry"), "invalid config default: option \"t\" expected boolean, got \"henry\"");
        fails(option("string", "2.5"), "invalid config default: option \"t\" expected string, got 2.5");
        fails(option("float", "\"123a\""), "invalid config default: option \"t\" expected float, got \"123a\"");
        fails(option("int", "true"), "invalid config default: option \"t\" expected int, got true");
        fails(option("int", "12.345"), "invalid config default: option \"t\" expected int, got 12.345");
        fails(option("int", "\"\""), "invalid config default: option \"t\" expected int, got \"\"");
        fails(option("secret", "cheese"), "invalid config default: option \"t\" expected secret, got \"cheese\"");
        // YAML 1.1 as Juju reads it: yes is a boolean, 0x10 an int, "" a valid string default
        fails(option("boolean", "yes"));
        fails(option("int", "0x10"));
        fails(option("int", "\"42\""));
        fails(option("float", "3"));
        fails(option("string", "\"\""));
        fails(option("secret", "secret:d0erdgfmp25c762i8np0"));
        fails("config:\n  options:\n    t:\n      description: no type means string\n      default: x\n");
    }

    @Test
    void actionNames() {
        fails("actions:\n  do_it: {}\n", "bad action name do_it");
        fails("actions:\n  Snapshot: {}\n", "bad action name Snapshot");
        fails("actions:\n  -snapshot: {}\n", "bad action name -snapshot");
        fails("actions:\n  snapshot-: {}\n", "bad action name snapshot-");
        fails("actions:\n  juju: {}\n", "cannot use action name juju: \"juju\" is a reserved name");
        fails("actions:\n  juju-run: {}\n", "cannot use action name juju-run: the \"juju-\" prefix is reserved");
        fails("actions:\n  snapshot: {}\n  back-up-2:\n    description: Backs up.\n");
    }

    @Test
    void actionKeyTypes() {
        fails("actions:\n  a: {description: 5}\n", "value for schema key \"description\" must be a string");
        fails("actions:\n  a: {parallel: sometimes}\n", "value for schema key \"parallel\" must be a bool");
        fails("actions:\n  a: {required: name}\n", "value for schema key \"required\" must be a YAML list");
        fails("actions:\n  a: {params: [x]}\n", "params failed to parse as a map");
        fails("actions:\n  a:\n    params:\n      x: {$ref: '#/definitions/y'}\n",
                "schema key \"$ref\" not compatible with this version of juju");
        fails("actions:\n  a:\n    params:\n      x: {default: {1: one}}\n", "map keyed with non-string value");
    }

    @Test
    void parameterSchemaMustCompile() {
        fails("actions:\n  a:\n    params:\n      x: {type: strin}\n",
                "invalid params schema for action schema a: has a primitive type that is NOT VALID -- given: /strin/"
                        + " Expected valid values are:[array boolean integer number null object string]");
        fails("actions:\n  a:\n    params:\n      x: {type: string, minLength: many}\n",
                "invalid params schema for action schema a: minLength must be of an integer");
        fails("actions:\n  a:\n    params:\n      x: string\n",
                "invalid params schema for action schema a: Invalid type. Expected: object, given: schema");
        fails("actions:\n  a:\n    params:\n      x: {type: string, enum: [a, a]}\n",
                "invalid params schema for action schema a: enum items must be unique");
        fails("actions:\n  a:\n    required: [1]\n", "invalid params schema for action schema a: required items must be string");
        fails("actions:\n  greet:\n    description: Greets.\n    params:\n      name: {type: string}\n"
                + "      shout: {type: boolean, default: false}\n    required: [name]\n    additionalProperties: false\n");
    }
}
