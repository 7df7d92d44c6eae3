using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Server.Questions;

public static class QuestionsHosting
{
    public static WebApplicationBuilder AddQuestions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuestionStorageOptions>().BindConfiguration("Questions");
        builder.Services.AddSingleton<IQuestionLedger, AzureTableQuestionLedger>();
        return builder;
    }
}
