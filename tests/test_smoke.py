from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import GraphQLClient
from tests.factories import make_organisation, make_token, make_user


async def test_viewer_answers_with_the_signed_in_user(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation = await make_organisation(session, name="Gemeente Test")
    user = await make_user(session, organisation, email="a@test.example")
    token = await make_token(session, user)
    await session.commit()
    # when
    result = await gql(
        "{ viewer { user { email } organisation { name environments } } }", token=token
    )
    # then
    assert "errors" not in result
    assert result["data"]["viewer"] == {
        "user": {"email": "a@test.example"},
        "organisation": {"name": "Gemeente Test", "environments": ["test", "productie"]},
    }
