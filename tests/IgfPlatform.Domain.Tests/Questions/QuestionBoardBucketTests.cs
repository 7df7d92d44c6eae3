using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Domain.Tests.Questions;

public sealed class QuestionBoardBucketTests
{
    [Fact]
    public void Buckets_fill_in_turn_and_a_voter_keeps_their_bucket()
    {
        var board = new QuestionBoard();
        for (var i = 0; i < IQuestionLedger.VotersPerBucket; i++)
        {
            Assert.Equal(0, board.BucketFor("q-1", $"p-{i}"));
            board.Apply(new VoteRecord("q-1", $"p-{i}", true, board.BucketFor("q-1", $"p-{i}")));
        }

        // The bucket is full: the next voter starts the second one; earlier voters stay where they are.
        Assert.Equal(1, board.BucketFor("q-1", "p-new"));
        board.Apply(new VoteRecord("q-1", "p-new", true, 1));
        board.Apply(new VoteRecord("q-1", "p-3", false, 0));
        Assert.Equal(0, board.BucketFor("q-1", "p-3"));
        Assert.Equal(1, board.BucketFor("q-1", "p-new"));
        Assert.Equal(IQuestionLedger.VotersPerBucket, board.Upvotes("q-1"));

        // Another question has its own buckets.
        Assert.Equal(0, board.BucketFor("q-2", "p-new"));
    }

    [Fact]
    public void Loaded_votes_keep_their_buckets_and_new_voters_fill_the_last_one()
    {
        var board = new QuestionBoard();
        board.Load(new LedgerContents([], [new VoteRecord("q-1", "p-a", true, 0), new VoteRecord("q-1", "p-b", true, 1)], null));

        Assert.Equal(0, board.BucketFor("q-1", "p-a"));
        Assert.Equal(1, board.BucketFor("q-1", "p-b"));
        Assert.Equal(1, board.BucketFor("q-1", "p-c"));
    }
}
