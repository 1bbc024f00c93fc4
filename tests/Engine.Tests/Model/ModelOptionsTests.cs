using Microsoft.Extensions.Options;
using Orleans.Conversations.Engine.Model;

namespace Orleans.Conversations.Engine.Tests.Model;

public sealed class ModelOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(100_001)]
    public void an_output_cap_out_of_range_stops_the_start_naming_the_setting(int maxOutputTokens)
    {
        var result = new DataAnnotationValidateOptions<ModelOptions>(null).Validate(null, new ModelOptions { MaxOutputTokens = maxOutputTokens });

        Assert.True(result.Failed);
        Assert.Contains(nameof(ModelOptions.MaxOutputTokens), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void a_reply_is_capped_at_1024_tokens_unless_configured()
    {
        var options = new ModelOptions();

        Assert.Equal(1024, options.MaxOutputTokens);
        Assert.True(new DataAnnotationValidateOptions<ModelOptions>(null).Validate(null, options).Succeeded);
    }
}
