using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Server.Questions;

public static class QuestionsHosting
{
    public static WebApplicationBuilder AddQuestions(this WebApplicationBuilder builder)
    {
        // Checked at start: a value that cannot be read would otherwise fail the first question board.
        builder.Services.AddOptions<QuestionStorageOptions>().BindConfiguration("Questions").ValidateOnStart();
        builder.Services.AddSingleton<IQuestionLedger, AzureTableQuestionLedger>();
        return builder;
    }
}
