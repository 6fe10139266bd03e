package com.nexusai.server.ai;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Instant;
import java.util.List;

import com.nexusai.server.web.ProblemException;
import com.nexusai.server.web.ProblemText;
import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.response.Model;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The models Ollama has, through ollama4j; says whether the configured one is among them. */
@Component
class ModelCatalog {

    record ModelInfo(String name, long sizeBytes, Instant modifiedAt, String family, String parameterSize, String quantizationLevel) {
    }

    record Models(String configuredModel, boolean configuredModelInstalled, List<ModelInfo> models) {
    }

    private final Ollama ollama;
    private final OllamaProperties properties;

    ModelCatalog(Ollama ollama, OllamaProperties properties) {
        this.ollama = ollama;
        this.properties = properties;
    }

    Models list() {
        List<Model> found;
        try {
            found = ollama.listModels();
        } catch (OllamaException e) {
            throw unavailable(e);
        }
        List<ModelInfo> models = found.stream().map(ModelCatalog::info).toList();
        String configured = properties.model();
        boolean installed = models.stream().anyMatch(m -> m.name().equals(configured) || m.name().startsWith(configured + ":"));
        return new Models(configured, installed, models);
    }

    private static ModelInfo info(Model model) {
        var details = model.getModelMeta();
        return new ModelInfo(model.getName(), model.getSize(), model.getModifiedAt() == null ? null : model.getModifiedAt().toInstant(),
                details == null ? null : details.getFamily(), details == null ? null : details.getParameterSize(),
                details == null ? null : details.getQuantizationLevel());
    }

    private ProblemException unavailable(OllamaException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemText.of("ollama.unreachable", properties.baseUrl(),
                        ProblemText.of(cause instanceof ConnectException ? "reason.refused" : "reason.connectTimeout")), ProblemText.of("ollama.unreachable.fix"), e);
            }
        }
        return new ProblemException(HttpStatus.BAD_GATEWAY, ProblemText.of("ollama.noModelList", e.getMessage()), ProblemText.of("ollama.seeLog"), e);
    }
}
