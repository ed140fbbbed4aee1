// The README's example as a whole program: logs in and prints the token.
//   mono GetToken.exe DOMAIN USER        with the password in UCONTACT_PASSWORD
// run-tests.sh builds it against UContactSdk.dll and the tests run it against the local server.
using System;
using UContactSdk;

internal static class GetToken
{
    private static int Main(string[] args)
    {
        var password = Environment.GetEnvironmentVariable("UCONTACT_PASSWORD");
        if (args.Length != 2 || string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine(
                "usage: GetToken DOMAIN USER, with the password in UCONTACT_PASSWORD");
            return 2;
        }

        try
        {
            string token = UContact.GetUserToken(args[0], args[1], password);
            Console.WriteLine(token);   // later API calls send  Authorization: Basic <token>
            return 0;
        }
        catch (AuthRejectedException)
        {
            Console.Error.WriteLine("wrong user name or password");
            return 1;
        }
        catch (UContactNetworkException e)      // UContactTimeoutException included
        {
            Console.Error.WriteLine("cannot reach uContact (" + e.Code + "): " + e.Message);
            return 1;
        }
        catch (UContactException e)
        {
            Console.Error.WriteLine("login failed (" + e.Code + "): " + e.Message);
            return 1;
        }
    }
}
