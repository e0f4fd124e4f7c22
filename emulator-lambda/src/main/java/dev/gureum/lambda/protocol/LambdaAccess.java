package dev.gureum.lambda.protocol;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.JsonCodec;
import dev.gureum.core.protocol.RestRequest;

/**
 * What each Lambda operation needs under {@code --enforce-iam}, from the Service Authorization Reference:
 * function operations act on the function's ARN (qualified when the request names a version or alias, as AWS
 * judges {@code Invoke} of {@code my-function:prod}); {@code Invoke} needs {@code lambda:InvokeFunction}; layer
 * versions, event source mappings and tagged resources by their ARNs; listings on {@code *}. The Runtime API,
 * which function processes call unsigned, needs nothing.
 */
final class LambdaAccess {

    private static final String TABLE = """
            RuntimeNext                    none
            RuntimeResponse                none
            RuntimeError                   none
            RuntimeInitError               none
            Runtime                        none
            CreateFunction                 =                      created
            ListFunctions                  =                      *
            GetAccountSettings             =                      *
            Invoke                         lambda:InvokeFunction  function
            InvokeAsync                    lambda:InvokeFunction  function
            InvokeWithResponseStream       lambda:InvokeFunction  function
            TagResource                    =                      tagged
            UntagResource                  =                      tagged
            ListTags                       =                      tagged
            PublishLayerVersion            =                      layer
            ListLayerVersions              =                      *
            ListLayers                     =                      *
            GetLayerVersion                =                      layerVersion
            DeleteLayerVersion             =                      layerVersion
            AddLayerVersionPermission      =                      layerVersion
            GetLayerVersionPolicy          =                      layerVersion
            RemoveLayerVersionPermission   =                      layerVersion
            GetLayerVersionByArn           lambda:GetLayerVersion layerByArn
            CreateEventSourceMapping       =                      *
            ListEventSourceMappings        =                      *
            GetEventSourceMapping          =                      mapping
            UpdateEventSourceMapping       =                      mapping
            DeleteEventSourceMapping       =                      mapping
            """;

    private LambdaAccess() {
    }

    static AccessRules<RestRequest> rules() {
        return AccessRules.<RestRequest>builder("lambda")
                .table(TABLE)
                .otherwise("function")
                .single("function", (ctx, r) -> function(r.label("FunctionName"), r.queryParam("Qualifier"), r))
                .single("created", (ctx, r) -> {
                    try {
                        return function(JsonCodec.decode(r.body()).string("FunctionName"), null, r);
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .single("tagged", (ctx, r) -> r.label("Resource"))
                .single("layer", (ctx, r) -> Arn.of("lambda", ctx.region(), ctx.accountId(),
                        "layer:" + r.label("LayerName")).toString())
                .single("layerVersion", (ctx, r) -> {
                    String name = r.label("LayerName");
                    String layer = name.startsWith("arn:") ? name
                            : Arn.of("lambda", ctx.region(), ctx.accountId(), "layer:" + name).toString();
                    return layer + ":" + r.label("VersionNumber");
                })
                .single("layerByArn", (ctx, r) -> r.queryParam("Arn"))
                .single("mapping", (ctx, r) -> Arn.of("lambda", ctx.region(), ctx.accountId(),
                        "event-source-mapping:" + r.label("UUID")).toString())
                .denied(LambdaError.ACCESS_DENIED)
                .build();
    }

    /** A function's ARN as a request names it (a name, a partial or a full ARN), qualified when it is. */
    private static String function(String functionName, String qualifier, RestRequest r) {
        if (functionName == null) {
            return null;
        }
        try {
            return FunctionRef.parse(functionName, qualifier, r.context()).describedArn();
        } catch (AwsException e) {
            return null;
        }
    }
}
