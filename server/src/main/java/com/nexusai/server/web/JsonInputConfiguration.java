package com.nexusai.server.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * The API speaks JSON only: the XML and YAML converters that libraries on the class path bring are
 * removed (a body of another type is answered 415 before it is read, see {@link RequestBodyFilter}).
 * Every text field goes through {@link TextInput}, and an enum is given by its name, never its ordinal
 * ({@code "roles": [1]} is not DEVOPS).
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer textInputRules() {
        SimpleModule module = new SimpleModule("nexusai-text-input");
        module.addDeserializer(String.class, new CheckedStringDeserializer());
        return builder -> builder.addModule(module).enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /**
     * Markup characters leave as {@code \\u003C}-style escapes, as Gson does by default: a value a client
     * sent and the server repeats (a name in an error, a title) can never become markup where JSON is
     * shown as HTML by mistake.
     */
    @Bean
    JsonFactoryBuilderCustomizer htmlSafeOutput() {
        return builder -> builder.characterEscapes(new HtmlSafeEscapes());
    }

    @Bean
    ServerHttpMessageConvertersCustomizer jsonOnly() {
        return converters -> converters.configureMessageConvertersList(list -> list.removeIf(converter ->
                converter.getSupportedMediaTypes().stream().anyMatch(type -> type.getSubtype().contains("xml")
                        || type.getSubtype().contains("yaml") || type.getSubtype().contains("smile")
                        || type.getSubtype().contains("cbor") || type.equals(MediaType.APPLICATION_PROTOBUF))));
    }

    static final class HtmlSafeEscapes extends CharacterEscapes {

        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // ESCAPE_STANDARD: \\u00XX
        }
    }

    /** Jackson's own string reading, then {@link TextInput}'s check; a refusal names the field. */
    static final class CheckedStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            ProblemText problem = TextInput.problem(value);
            if (problem != null) {
                throw new RefusedTextException(parser, problem);
            }
            return value;
        }
    }

    /** A string field {@link TextInput} refused; the answer says why in the request's language and names the field. */
    static final class RefusedTextException extends MismatchedInputException {
        private final transient ProblemText text;

        RefusedTextException(JsonParser parser, ProblemText text) {
            super(parser, text.english(), String.class);
            this.text = text;
        }

        ProblemText text() {
            return text;
        }
    }
}
