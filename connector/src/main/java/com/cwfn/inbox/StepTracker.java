package com.cwfn.inbox;

import java.util.Set;
import com.cwfn.tracing.TraceScope;
import com.cwfn.tracing.Tracing;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the step a transaction is at after the route step being run: every step with an {@code id} in a route
 * file that does work (not a filter, a choice or its branches, which only hold steps) sets {@link FailureHandler#STEP}, so a failure reports the id an engineer sees in the YAML. Steps of the
 * sync flows (dispatch, sync-back) are also logged, one line each, with the transaction's ticket, work order,
 * direction and correlation id in the MDC. Steps of error handlers are left out (they must not hide the step
 * that failed).
 */
public class StepTracker implements InterceptStrategy {
    private static final Logger LOG = LoggerFactory.getLogger("com.cwfn.steps");
    private static final Set<String> FLOWS = Set.of("dispatch", "sync-back", "routing");
    private final Tracing tracing;

    /** With tracing on, each step is also a span of the current trace, named by its id. */
    public StepTracker(Tracing tracing) {
        this.tracing = tracing;
    }

    /**
     * The id of the route step being run: what a step's bean records in the sync log, so that the log, the mails
     * and the console name the step as the route file does (a bean called from two steps records each one's id).
     */
    public static String current(Exchange exchange) {
        return exchange.getProperty(FailureHandler.STEP, "process", String.class);
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        if (!(definition instanceof OptionalIdentifiedDefinition<?> d) || !d.hasCustomIdAssigned()
                || !isWork(definition) || insideOnException(definition)) {
            return target;
        }
        String step = d.getId();
        String route = routeId(definition);
        boolean logged = route != null && FLOWS.contains(route);
        boolean traced = !(definition instanceof SendDefinition<?>); // Camel's tracer makes a span of each send
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                exchange.setProperty(FailureHandler.STEP, step);
                TraceScope span = traced ? tracing.step(step, route) : null;
                if (!logged && span == null) {
                    return super.process(exchange, callback);
                }
                long started = System.nanoTime();
                try {
                    return super.process(exchange, done -> {
                        if (logged && exchange.getException() == null) {
                            LOG.info("step {} ok in {} ms", step, (System.nanoTime() - started) / 1_000_000);
                        }
                        if (span != null) {
                            span.end(exchange.getException());
                        }
                        callback.done(done);
                    });
                } finally {
                    if (span != null) {
                        span.leave(); // current on this thread while the step ran here
                    }
                }
            }
        };
    }

    /** A step that does work itself; a filter, a choice and its branches hold the steps that do. */
    private static boolean isWork(NamedNode node) {
        return !(node instanceof OutputNode) && !(node instanceof ChoiceDefinition);
    }

    private static String routeId(NamedNode node) {
        for (NamedNode n = node; n != null; n = n.getParent()) {
            if (n instanceof RouteDefinition r) {
                return r.getRouteId();
            }
        }
        return null;
    }

    private static boolean insideOnException(NamedNode node) {
        for (NamedNode n = node; n != null; n = n.getParent()) {
            if (n instanceof OnExceptionDefinition) {
                return true;
            }
            if (!(n instanceof ProcessorDefinition<?>)) {
                return false;
            }
        }
        return false;
    }
}
